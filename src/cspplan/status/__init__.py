"""The status engine: how each indicator stands against its target, which way it is moving,
and why.

`assess` puts the pieces together for a plan year; `evaluators` judges one target kind at a
time; `series` picks the observations a judgement may use (never any after the as-of
period); `direction` reads the direction of travel; `bands` names the results in the
partnership's chosen words. Nothing here imports pandas: the engine works on a handful of
points per indicator, where plain Python is both simpler and faster. pandas does the
tabulation in `rollup`, which only the `status` command and the documents load.
"""
