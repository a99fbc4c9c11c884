"""Reference and semantic checks (R and C codes), one small function each.

Each module here (but `runner`) is found by `cspplan.catalogue`, so a new module of checks
needs no list to be added to. `runner.run_checks` runs the ones a configuration leaves on.
"""
