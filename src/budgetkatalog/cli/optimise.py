"""``optimise``: the cheapest choice of proposals that meets every year's target."""

from __future__ import annotations

import argparse
import json
import re
from decimal import Decimal

from budgetkatalog.cli import EXIT_FINDINGS, EXIT_OK
from budgetkatalog.cli.output import (
    load_catalogue,
    print_findings,
    report_unusable,
    unusable,
)
from budgetkatalog.core.department import normalise_name
from budgetkatalog.core.files import read_input
from budgetkatalog.core.finding import Finding, Severity, Text, fmt, has_errors
from budgetkatalog.core.money import parse_danish_number
from budgetkatalog.formats.scenario_settings import ScenarioSettings, loads_settings
from budgetkatalog.scenarios.decision import DecisionKind
from budgetkatalog.scenarios.evaluation import Evaluation
from budgetkatalog.scenarios.optimiser import (
    Limits,
    Method,
    Objective,
    OptimisationResult,
    Solution,
    Status,
    optimise,
)
from budgetkatalog.scenarios.round_setup import RoundSetup, build_setup
from budgetkatalog.scenarios.targets import Targets

LABELS: dict[str, dict[str, str]] = {
    "da": {
        "heading": "Optimering: {objective}, {n} mulige forslag",
        "targets": "Mål (1.000 kr., I alt højst): {targets}",
        "proof": "{method}: {status}; målværdi {value}, nedre grænse {bound}, gap {gap}, "
                 "{nodes} knuder",
        "chosen": "Valgte forslag ({n}):",
        "year": "År", "total": "I alt", "target": "Mål", "margin": "Margin",
        "fte": "Sparede årsværk: {fte}", "citizens": "Forslag med konsekvenser for "
        "borgerne: {n}", "alternative": "Alternativ {i}: målværdi {value}; forslag {numbers}",
        "bad_target": "Målet {value!r} skal skrives ÅR=BELØB eller ÅR-ÅR=BELØB, "
                      "fx 2021=-25.700.",
        "bad_year": "Året {year} er ikke i budgetrunden ({years}).",
        "no_group": "Gruppen {name!r} findes ikke. Grupper: {names}.",
        "no_department": "Afdelingen {name!r} findes ikke i notatets årsværkstabel eller "
                         "indstillingerne. Afdelinger: {names}.",
        "bad_alternatives": "--alternatives {value} skal være 0 eller mere.",
        "no_targets": "Angiv mindst ét mål med --target.",
        "wrong_sign": "Målet {value} har forkert fortegn: det nås uden et eneste forslag. "
                      "En besparelse skrives med minus (katalogets fortegn), fx "
                      "{example}.",
        "bad_fte": "--max-fte {value!r} skal være et tal, fx 10,5.",
        "not_utf8": "Filen er ikke UTF-8.",
        "no_proposal": "Forslag {number} findes ikke i kataloget.",
    },
    "en": {
        "heading": "Optimisation: {objective}, {n} candidate proposals",
        "targets": "Targets (DKK 1,000, total at most): {targets}",
        "proof": "{method}: {status}; objective {value}, bound {bound}, gap {gap}, {nodes} nodes",
        "chosen": "Chosen proposals ({n}):",
        "year": "Year", "total": "Total", "target": "Target", "margin": "Margin",
        "fte": "FTE saved: {fte}", "citizens": "Proposals with consequences for citizens: {n}",
        "alternative": "Alternative {i}: objective {value}; proposals {numbers}",
        "bad_target": "The target {value!r} must be YEAR=AMOUNT or YEAR-YEAR=AMOUNT, "
                      "e.g. 2021=-25.700.",
        "bad_year": "The year {year} is not in the budget round ({years}).",
        "no_group": "There is no group {name!r}. Groups: {names}.",
        "no_department": "The department {name!r} is not in the memo's FTE table or the "
                         "settings. Departments: {names}.",
        "bad_alternatives": "--alternatives {value} must be 0 or more.",
        "no_targets": "Give at least one target with --target.",
        "wrong_sign": "The target {value} has the wrong sign: it is met without any "
                      "proposal. A saving is written with a minus (the catalogue's sign), "
                      "e.g. {example}.",
        "bad_fte": "--max-fte {value!r} must be a number, e.g. 10.5.",
        "not_utf8": "The file is not UTF-8.",
        "no_proposal": "Proposal {number} is not in the catalogue.",
    },
}

OBJECTIVE_LABELS: dict[str, dict[Objective, str]] = {
    "da": {Objective.FTE: "færrest sparede årsværk",
                      Objective.COUNT: "færrest forslag",
                      Objective.IMPACT: "mindst vægtet konsekvens for borgerne"},
    "en": {Objective.FTE: "fewest FTE saved", Objective.COUNT: "fewest proposals",
                      Objective.IMPACT: "least weighted impact on citizens"},
}

METHOD_LABELS: dict[str, dict[Method, str]] = {
    "da": {Method.MILP: "HiGHS (MILP)", Method.KNAPSACK: "Rygsækalgoritme (gren og grænse)"},
    "en": {Method.MILP: "HiGHS (MILP)", Method.KNAPSACK: "Knapsack branch and bound"},
}

STATUS_LABELS: dict[str, dict[Status, str]] = {
    # as the web's optimiser says it
    "da": {Status.OPTIMAL: "Bevist bedste løsning", Status.INFEASIBLE: "Målene kan ikke nås",
                   Status.NOT_PROVEN: "Bedste løsning fundet, men ikke bevist",
                   Status.FTE_UNKNOWN: "Ikke optimeret: årsværk mangler"},
    "en": {Status.OPTIMAL: "Proven optimal",
                   Status.INFEASIBLE: "The targets cannot be met",
                   Status.NOT_PROVEN: "Not proven optimal",
                   Status.FTE_UNKNOWN: "Not optimised: FTE missing"},
}

_TARGET = re.compile(r"^(\d{4})(?:-(\d{4}))?=(.+)$")


def register(subparsers: argparse._SubParsersAction,  # type: ignore[type-arg]
             common: argparse.ArgumentParser) -> None:
    opt = subparsers.add_parser(
        "optimise", parents=[common],
        help="vælg forslag der når målene / choose proposals that meet the targets")
    opt.add_argument("file", help="katalogtekst eller katalog-JSON / catalogue text or JSON")
    opt.add_argument("--target", action="append", default=[], metavar="YEAR=AMOUNT",
                     help="mål i 1.000 kr. med katalogets fortegn, fx 2021=-25.700; "
                          "2021-2023=-25.700 for flere år / target in DKK 1,000")
    opt.add_argument("--objective", choices=[o.value for o in Objective],
                     default=Objective.FTE.value,
                     help="fte (færrest årsværk), count (færrest forslag), impact "
                          "(mindst konsekvens for borgerne)")
    opt.add_argument("--only-group", metavar="NAME",
                     help="kun forslag fra denne gruppe / only this group's proposals")
    opt.add_argument("--max-fte", metavar="N",
                     help="højst N sparede årsværk / at most N FTE saved")
    opt.add_argument("--exclude-department", action="append", default=[], metavar="NAME",
                     help="ingen forslag fra afdelingen / no proposals from the department")
    opt.add_argument("--exclude-proposal", action="append", default=[], metavar="NUMBER",
                     help="udelad forslaget, fx et uden årsværk / leave the proposal out, "
                          "e.g. one without FTE")
    opt.add_argument("--settings", metavar="FILE",
                     help="JSON med årsværk, relationer m.m. (docs/optimiser.md) / "
                          "JSON with FTE, relations etc.")
    opt.add_argument("--alternatives", type=int, default=0, metavar="K",
                     help="K alternative løsninger / K alternative solutions")
    opt.add_argument("--json", action="store_true", help="svar som JSON / answer as JSON")
    opt.set_defaults(handler=run_optimise)


def parse_targets(values: list[str], years: tuple[int, ...],
                  lang: str) -> tuple[Targets | None, str | None]:
    labels = LABELS[lang]
    amounts: dict[int, Decimal] = {}
    for value in values:
        match = _TARGET.match(value.strip())
        amount = parse_danish_number(match.group(3)) if match else None
        if match is None or amount is None:
            return None, labels["bad_target"].format(value=value)
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if amount >= 0:
            # Targets are totals to stay at or below; choosing nothing totals 0, so a
            # target of 0 or more is met by no proposals at all.
            example = f"{first}=-{fmt(amount or Decimal(25700), lang)}"
            return None, labels["wrong_sign"].format(value=value.strip(), example=example)
        for year in range(first, last + 1):
            if year not in years:
                return None, labels["bad_year"].format(
                    year=year, years=", ".join(str(y) for y in years))
            amounts[year] = amount
    if not amounts:
        return None, labels["no_targets"]
    return Targets.of(amounts), None


def run_optimise(args: argparse.Namespace) -> int:
    lang = args.lang
    labels = LABELS[lang]
    catalogue, load_findings = load_catalogue(args.file)
    if catalogue is None:
        return report_unusable(load_findings, lang, args.file)
    targets, problem = parse_targets(args.target, catalogue.round.years, lang)
    max_fte = parse_danish_number(args.max_fte) if args.max_fte else None
    if args.max_fte and (max_fte is None or max_fte < 0):
        problem = labels["bad_fte"].format(value=args.max_fte)
    candidates: tuple[str, ...] | None = None
    if args.only_group:
        group = next((g for g in catalogue.groups
                      if g.name.casefold() == args.only_group.casefold()), None)
        if group is None:
            problem = labels["no_group"].format(
                name=args.only_group, names=", ".join(g.name for g in catalogue.groups))
        else:
            candidates = group.proposal_numbers
    for number in args.exclude_proposal:
        if catalogue.proposal(number.strip()) is None:
            problem = labels["no_proposal"].format(number=number)
    if problem is not None or targets is None:
        return unusable(problem or labels["no_targets"])
    settings = ScenarioSettings()
    if args.settings:
        read = read_input(args.settings)
        if read.data is None:
            return report_unusable([f for f in (read.problem,) if f is not None], lang)
        try:
            document = read.data.decode("utf-8")
        except UnicodeDecodeError:
            return unusable(f"{args.settings}: " + labels["not_utf8"])
        loaded, problems = loads_settings(document)
        if loaded is None:
            return report_unusable(problems, lang, args.settings)
        settings = loaded
    known = [row.department for row in (catalogue.fte_table.rows if catalogue.fte_table else ())]
    known += [o.department for o in settings.overrides if o.department]
    unknown = [name for name in args.exclude_department
               if normalise_name(name) not in {normalise_name(k) for k in known}]
    if unknown:
        return unusable(labels["no_department"].format(
            name=unknown[0], names=", ".join(dict.fromkeys(known)) or "-"))
    if args.alternatives < 0:
        return unusable(labels["bad_alternatives"].format(value=args.alternatives))
    setup = build_setup(catalogue, targets, settings.relations, settings.overrides)
    objective = Objective(args.objective)
    limits = Limits(max_fte=max_fte, excluded_departments=tuple(args.exclude_department),
                    candidates=candidates,
                    excluded_proposals=tuple(n.strip() for n in args.exclude_proposal))
    result = optimise(setup, objective, limits, alternatives=args.alternatives)
    if limits.excluded_proposals:  # the proposals left out are not candidates
        candidates = tuple(n for n in (candidates if candidates is not None else
                                       (p.number for p in catalogue.proposals))
                           if n not in limits.excluded_proposals)
    in_scope = set(candidates) if candidates is not None else None
    findings = [f for f in setup.findings
                if in_scope is None or f.proposal is None or f.proposal in in_scope]
    if result.best is not None:
        findings = [f for f in findings if f.proposal in result.best.evaluation.adopted
                    or f.proposal is None]
        findings.extend(f for f in result.best.evaluation.findings
                        if f.rule != "scenario.fte-unknown")
    findings.extend(result.findings)
    if args.json:
        print(json.dumps(result_document(setup, result, lang, candidates), ensure_ascii=False,
                         indent=2))
    else:
        print_result(setup, result, lang, candidates)
    print_findings(summarise(findings), lang, args.file)
    return EXIT_FINDINGS if has_errors(findings) or result.status is not Status.OPTIMAL \
        else EXIT_OK


# More findings of one rule than this, each about its own proposal, become one line.
REPEAT_LIMIT = 3


def summarise(findings: list[Finding]) -> list[Finding]:
    """Warnings and notes that repeat for many proposals, one line per rule with the
    count, the proposals and the first message; errors are always shown one by one."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.severity is not Severity.ERROR and finding.proposal is not None:
            groups.setdefault(finding.rule, []).append(finding)
    summarised: list[Finding] = []
    for finding in findings:
        group = groups.get(finding.rule, [])
        if finding not in group or len(group) <= REPEAT_LIMIT:
            summarised.append(finding)
        elif finding is group[0]:
            numbers = [f.proposal or "" for f in group]
            shown = ", ".join(numbers[:REPEAT_LIMIT])
            more = len(numbers) - REPEAT_LIMIT
            first = finding.message
            summarised.append(Finding(finding.rule, finding.severity, Text(
                f"{len(group)} forslag med samme advarsel ({shown} og {more} flere); "
                f"fx: {first.da}",
                f"{len(group)} proposals with the same warning ({shown} and {more} more); "
                f"e.g.: {first.en}"), numbers=(("count", len(group)),)))
    return summarised


def _number(value: Decimal | int | None) -> int | str | None:
    if value is None or isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() else str(value.normalize())


def _solution_document(solution: Solution) -> dict[str, object]:
    evaluation = solution.evaluation
    partial: dict[str, object] = {}
    for number, decision in solution.scenario.decisions:
        if decision.kind is DecisionKind.PARTIAL:
            partial[number] = {"share": _number(decision.share)}
        elif decision.kind is DecisionKind.LINES:
            partial[number] = {"lines": list(decision.lines)}
    return {
        "objective_value": _number(solution.objective_value),
        "tie_break": str(solution.tie_break),
        "chosen": list(evaluation.adopted),
        "partial": partial,
        "totals": {str(r.year): _number(r.total) for r in evaluation.years},
        "fte_saved": _number(evaluation.fte_saved),
        "fte_unknown": list(evaluation.fte_unknown),
        "citizen_consequences": list(evaluation.citizen_consequences),
        "impact_score": evaluation.impact_score,
        "proof": {
            "method": str(solution.proof.method),
            "model_status": solution.proof.model_status,
            "proven_optimal": solution.proof.proven_optimal,
            "objective_value": solution.proof.objective_value,
            "dual_bound": solution.proof.dual_bound,
            "mip_gap": solution.proof.mip_gap,
            "nodes": solution.proof.nodes,
        },
    }


def result_document(setup: RoundSetup, result: OptimisationResult, lang: str,
                    candidates: tuple[str, ...] | None) -> dict[str, object]:
    doc: dict[str, object] = {
        "status": str(result.status),
        "objective": str(result.objective),
        "unit": setup.catalogue.round.unit,
        "targets": {str(year): _number(amount) for year, amount in setup.targets.amounts},
        "candidates": list(candidates) if candidates is not None
        else [p.number for p in setup.catalogue.proposals],
    }
    if result.best is not None:
        doc.update(_solution_document(result.best))
    doc["alternatives"] = [_solution_document(s) for s in result.alternatives]
    doc["fte_unknown"] = list(result.fte_unknown) if result.best is None \
        else doc.get("fte_unknown", [])
    doc["binding"] = [{"kind": str(b.kind), "year": b.year, "limit": _number(b.limit),
                       "best": _number(b.best), "message": b.message.in_language(lang)}
                      for b in result.binding]
    return doc


def print_result(setup: RoundSetup, result: OptimisationResult, lang: str,
                 candidates: tuple[str, ...] | None) -> None:
    labels = LABELS[lang]
    count = len(candidates) if candidates is not None else len(setup.catalogue.proposals)
    print(labels["heading"].format(objective=OBJECTIVE_LABELS[lang][result.objective], n=count))
    print(labels["targets"].format(targets=", ".join(
        f"{year}: {fmt(amount, lang)}" for year, amount in setup.targets.amounts)))
    print(STATUS_LABELS[lang][result.status])
    for binding in result.binding:
        print(f"  {binding.message.in_language(lang)}")
    best = result.best
    if best is None:
        return
    proof = best.proof
    print(labels["proof"].format(method=METHOD_LABELS[lang][proof.method],
                                 status=proof.model_status,
                                 value=fmt(best.objective_value, lang),
                                 bound=_float(proof.dual_bound, lang),
                                 gap=_float(proof.mip_gap, lang), nodes=proof.nodes))
    evaluation = best.evaluation
    print()
    print(labels["chosen"].format(n=len(evaluation.adopted)))
    for number in evaluation.adopted:
        proposal = setup.catalogue.proposal(number)
        decision = best.scenario.decision(number)
        title = proposal.title if proposal else ""
        print(f"  {number:<6}{title[:64]:<66}{decision.label(lang)}")
    print()
    _print_years(evaluation, lang)
    print()
    print(labels["fte"].format(fte=fmt(evaluation.fte_saved, lang)))
    print(labels["citizens"].format(n=len(evaluation.citizen_consequences)))
    for index, alternative in enumerate(result.alternatives, start=1):
        print(labels["alternative"].format(i=index, value=fmt(alternative.objective_value, lang),
                                           numbers=", ".join(alternative.evaluation.adopted)))


def _print_years(evaluation: Evaluation, lang: str) -> None:
    labels = LABELS[lang]

    def cell(value: Decimal | None) -> str:
        return ("" if value is None else fmt(value, lang)).rjust(11)

    print(labels["year"].ljust(8) + "".join(str(r.year).rjust(11) for r in evaluation.years))
    print(labels["total"].ljust(8) + "".join(cell(r.total) for r in evaluation.years))
    print(labels["target"].ljust(8) + "".join(cell(r.target) for r in evaluation.years))
    print(labels["margin"].ljust(8) + "".join(cell(r.margin) for r in evaluation.years))


def _float(value: float, lang: str) -> str:
    return fmt(Decimal(repr(value)).quantize(Decimal("0.0001")).normalize(), lang)


__all__ = ["Finding", "register"]
