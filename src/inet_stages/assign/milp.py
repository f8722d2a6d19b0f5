"""The integer programs of the placements, solved by HiGHS through its own binding, ``highspy``.

Pure: no files, no clock read here (the caller hands one in), nothing printed. ``highspy`` is
imported inside :func:`solve` only, so that the other commands never pay for it.

Why ``highspy`` and not ``scipy.optimize.milp`` (which runs the same HiGHS): the same models,
solved by both in one run, gave the same optima; ``highspy`` installs in 8 MB where scipy took
143 MB, imports several times faster, and is a newer HiGHS (see BENCHMARKS.md for the figures).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from inet_stages.assign.models import Clock, SolverStatus


@dataclass(frozen=True, slots=True)
class Model:
    """An integer model: ``0 ≤ x ≤ bounds``, ``lower ≤ A x ≤ upper``, A row by row."""

    bounds: list[float]  # upper bound of each variable (0 is every lower bound)
    starts: list[int]  # where each row begins in ``cols``/``vals``, plus one past the end
    cols: list[int]
    vals: list[float]
    lower: list[float]
    upper: list[float]

    @classmethod
    def of(cls, variables: int) -> Model:
        """A model of ``variables`` binary variables and no constraint yet."""
        return cls([1.0] * variables, [0], [], [], [], [])

    def add_row(self, coefs: Mapping[int, float], lower: float, upper: float) -> None:
        """Append one constraint ``lower ≤ Σ coefs[j] x_j ≤ upper``."""
        self.cols.extend(coefs)
        self.vals.extend(coefs.values())
        self.starts.append(len(self.cols))
        self.lower.append(lower)
        self.upper.append(upper)

    def copy(self) -> Model:
        """The same model, to which rows can be added without touching this one."""
        return Model(
            list(self.bounds),
            list(self.starts),
            list(self.cols),
            list(self.vals),
            list(self.lower),
            list(self.upper),
        )


@dataclass(frozen=True, slots=True)
class Solution:
    """What a solve gave: the nonzero variables of its best point (None: no point found)."""

    chosen: Mapping[int, int] | None  # variable → value, nonzero ones only
    status: SolverStatus
    gap: float | None
    infeasible: bool = False


def solve(
    model: Model, cost: Sequence[float], time_limit: float | None, *, network: bool = False
) -> Solution:
    """Minimise ``cost · x`` over the integer points of ``model``, to the exact optimum.

    Every cost is an integer, so an absolute gap below one half proves the optimum; HiGHS takes
    a relative gap, hence the division by a bound on the objective's size. ``time_limit``
    (seconds) stops the search; the best point found so far is kept, with HiGHS's gap.

    ``network``: the caller knows the model is a flow network (its matrix totally unimodular),
    so the simplex's vertex is already integral. It is solved as a linear program, many times
    faster than the branch-and-bound's machinery on the same model (10 000 students: seconds,
    not minutes); a vertex found not integral (it never should) is solved again as integers.
    """
    if network:
        relaxed = _run(model, cost, time_limit, integers=False)
        if relaxed.chosen is not None or relaxed.status is not SolverStatus.OPTIMAL:
            return relaxed
    return _run(model, cost, time_limit, integers=True)


def _run(
    model: Model, cost: Sequence[float], time_limit: float | None, *, integers: bool
) -> Solution:
    """One HiGHS run; for a linear program, ``chosen`` is None unless the vertex is integral."""
    # The binding's own class, not the ``highspy.Highs`` wrapper: the wrapper logs HiGHS's
    # banner on the C-level stdout as it is built, before any option can silence it, and
    # that would end up inside the JSON of ``--format json``.
    from highspy import _core as highs

    n = len(cost)
    if n == 0:
        return Solution({}, SolverStatus.OPTIMAL, 0.0)
    solver = highs._Highs()
    solver.setOptionValue("output_flag", False)
    scale = max(1.0, sum(abs(c) for c in cost))
    solver.setOptionValue("mip_rel_gap", 0.4 / scale)
    solver.setOptionValue("mip_abs_gap", 0.4)
    if not integers:
        solver.setOptionValue("solver", "simplex")  # a vertex: integral on a network
    if time_limit is not None:
        solver.setOptionValue("time_limit", max(0.01, time_limit))
    lp = highs.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = len(model.lower)
    lp.col_cost_ = list(cost)
    lp.col_lower_ = [0.0] * n
    lp.col_upper_ = model.bounds
    lp.row_lower_ = model.lower
    lp.row_upper_ = model.upper
    lp.a_matrix_.format_ = highs.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_ = n
    lp.a_matrix_.num_row_ = len(model.lower)
    lp.a_matrix_.start_ = model.starts
    lp.a_matrix_.index_ = model.cols
    lp.a_matrix_.value_ = model.vals
    if integers:
        lp.integrality_ = [highs.HighsVarType.kInteger] * n
    solver.passModel(lp)
    solver.run()
    status = solver.getModelStatus()
    info = solver.getInfo()
    chosen: dict[int, int] | None = None
    if info.primal_solution_status == highs.kSolutionStatusFeasible:
        values = solver.getSolution().col_value
        chosen = {j: round(v) for j, v in enumerate(values) if v > 0.5}
        if not integers and any(abs(v - round(v)) > 1e-6 for v in values):
            chosen = None
            if status == highs.HighsModelStatus.kOptimal:
                solver.clear()
                return Solution(None, SolverStatus.OPTIMAL, None)  # fractional: solve() goes on
    solver.clear()
    if status == highs.HighsModelStatus.kOptimal and chosen is not None:
        return Solution(chosen, SolverStatus.OPTIMAL, 0.0)
    if status == highs.HighsModelStatus.kInfeasible:
        return Solution(None, SolverStatus.FAILED, None, infeasible=True)
    if chosen is not None:
        # A linear program stopped early has a feasible vertex but no gap to tell.
        gap = float(info.mip_gap) if integers else math.inf
        return Solution(chosen, SolverStatus.TIME_LIMIT, gap if math.isfinite(gap) else None)
    return Solution(None, SolverStatus.FAILED, None)


class Budget:
    """What is left of ``time_limit`` across the solver's stages (elapsed time, not dates).

    ``clock`` (seconds, e.g. ``time.monotonic``) is handed in by the caller, so that this
    module never reads the clock itself; without it, each solve gets the whole limit.
    """

    def __init__(self, time_limit: float | None, clock: Clock | None) -> None:
        self._limit = time_limit
        self._clock = clock
        self._end = None if time_limit is None or clock is None else clock() + time_limit

    def left(self) -> float | None:
        """Seconds left (None: no limit)."""
        if self._end is None or self._clock is None:
            return self._limit
        return self._end - self._clock()
