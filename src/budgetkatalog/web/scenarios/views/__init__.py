"""The scenario pages: list, scenario (evaluation and decisions), compare, optimise,
the round's setup for finance staff, and the public page of the adopted budget.

Views parse input, call an action or the domain, and render. Every number shown is
the domain's (``evaluate``, ``optimise``), exact. A scenario the user may not see
answers 404, the same as one that does not exist. One module per kind of page.
"""

from budgetkatalog.web.scenarios.views.agreement import (
           adopted,
           adopted_package,
           record_agreement,
)
from budgetkatalog.web.scenarios.views.optimiser import optimiser, save_solution
from budgetkatalog.web.scenarios.views.scenario import (
           compare,
           copy,
           detail,
           new,
           scenario_list,
           settings,
)
from budgetkatalog.web.scenarios.views.setup import parties, setup_page

__all__ = ["adopted", "adopted_package", "compare", "copy", "detail", "new", "optimiser", "parties",
           "record_agreement", "save_solution", "scenario_list", "settings", "setup_page"]
