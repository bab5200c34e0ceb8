from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest

from carrieres import (
    CostModel,
    NoPathError,
    PathRequestError,
    Prerequisites,
    Profile,
    Referentiel,
    UnknownNameError,
    build_graph,
    find_paths,
    find_routes,
    iter_routes,
    load_referentiel,
    reachable,
)
from carrieres import paths as paths_module
from carrieres.graph import DEFAULT_EDGE_KINDS, EDGE_KINDS, LIFTED_KIND, allowed
from carrieres.models import LevelScale
from carrieres.paths import assumption_texts, move_cost


@pytest.fixture(scope="module")
def graph(referentiel: Referentiel) -> nx.DiGraph:
    return build_graph(referentiel)


@pytest.fixture(scope="module")
def fiches(referentiel: Referentiel) -> nx.DiGraph:
    """The map the fiches alone draw."""
    return build_graph(referentiel, edges=DEFAULT_EDGE_KINDS)


def ids(route_path: object) -> list[str]:
    return [step.id for step in route_path.steps]  # type: ignore[attr-defined]


def test_main_question_passes_through_the_required_prior_role(graph: nx.DiGraph) -> None:
    route = find_paths(graph, "Technicien de maintenance", "Ingénieur sécurité")
    best = route.paths[0]
    assert ids(best)[0] == "technicien-de-maintenance"
    assert ids(best)[-1] == "ingenieur-securite"
    assert ids(best)[-2] == "ingenieur-administrateur-systeme-et-reseaux"
    assert best.moves == len(best.steps) - 1


def test_every_move_of_every_route_respects_prior_roles(graph: nx.DiGraph) -> None:
    route = find_paths(graph, "technicien de maintenance", "ingenieur securite", k=5)
    assert len(route.paths) == 5
    for path in route.paths:
        nodes = ids(path)
        assert len(set(nodes)) == len(nodes)
        for u, v in itertools.pairwise(nodes):
            assert graph.has_edge(u, v)
            assert allowed(graph, u, v)
    assert len({tuple(ids(p)) for p in route.paths}) == 5
    costs = [p.cost for p in route.paths]
    assert costs == sorted(costs)


def test_the_rule_blocks_a_proximity_shortcut(graph: nx.DiGraph) -> None:
    # Administrateur de base de données is near Ingénieur sécurité (its fiche lists it),
    # but Ingénieur sécurité is entered only from Ingénieur administrateur système et réseaux.
    assert not allowed(graph, "administrateur-de-base-de-donnees", "ingenieur-securite")


def test_steps_explain_themselves(graph: nx.DiGraph) -> None:
    best = find_paths(graph, "Technicien de maintenance", "Ingénieur sécurité").paths[0]
    last = best.steps[-1]
    assert last.links[0].kind == "prerequisite"
    assert last.links[0].line == 1691
    assert "indispensable" in last.explanation
    assert "line 1691" in last.explanation
    assert last.requires.education_min == 4
    assert last.learn is not None
    assert last.learn.compared == "texts"  # two fiches: their own lines are compared
    knowledge = [skill.text for skill in last.learn.knowledge]
    assert "Outils de mesure" in knowledge
    assert "Protocoles" not in knowledge  # the sysadmin fiche lists it already


def test_with_the_fiches_only_the_fiches_lines_are_compared() -> None:
    fiches = build_graph(load_referentiel(fiche_only=True))
    last = find_paths(fiches, "Technicien de maintenance", "Ingénieur sécurité").paths[0].steps[-1]
    assert last.learn is not None
    assert last.learn.compared == "texts"
    knowledge = [skill.text for skill in last.learn.knowledge]
    assert "Outils de mesure" in knowledge
    assert "Protocoles" not in knowledge  # the sysadmin fiche lists it already


def test_steps_into_jobs_without_fiche_say_so(graph: nx.DiGraph) -> None:
    best = find_paths(graph, "Support technique", "Directeur technique", fewest_moves=True).paths[0]
    last = best.steps[-1]
    assert last.has_fiche is False
    assert last.learn is not None
    assert last.learn.compared == "codes"
    assert "has no fiche: its requirements come from its ROME card M1803" in last.explanation
    fiches = build_graph(load_referentiel(fiche_only=True))
    alone = find_paths(fiches, "Support technique", "Directeur technique", fewest_moves=True).paths[0]
    assert alone.steps[-1].learn is None
    assert "has no fiche: its requirements are unknown" in alone.steps[-1].explanation


def test_profile_says_what_is_missing_and_when(graph: nx.DiGraph) -> None:
    route = find_paths(
        graph,
        "Technicien de maintenance",
        "Ingénieur sécurité",
        profile=Profile(education=2, experience=0),
    )
    step = route.paths[0].steps[1]
    assert step.profile is not None
    assert step.profile.meets_education is False
    assert step.profile.diploma_to_gain == "Bac+4"
    assert step.profile.years_of_study == 2
    assert step.profile.meets_experience is False
    # 3 years of experience asked, then 2 years of study
    assert step.profile.earliest_year == 5
    assert route.paths[0].years == 7
    assert any("per missing Bac level" in a for a in route.paths[0].assumptions)


def test_experience_already_worked_counts(graph: nx.DiGraph) -> None:
    senior = find_paths(
        graph, "Technicien de maintenance", "Ingénieur sécurité", profile=Profile(education=5, experience=10)
    )
    step = senior.paths[0].steps[1]
    assert step.profile is not None
    assert (step.profile.meets_education, step.profile.meets_experience) == (True, True)
    assert step.profile.earliest_year == 0
    assert senior.paths[0].years == 2  # the assumed stay before the next move


def test_assumptions_are_options(graph: nx.DiGraph) -> None:
    quick = find_paths(
        graph,
        "Technicien de maintenance",
        "Ingénieur sécurité",
        profile=Profile(education=5, experience=10, min_stay_years=0.5, first_experience_years=0.25),
    )
    # ten years worked as a technician admit to Ingénieur administrateur système et réseaux at once;
    # Ingénieur sécurité asks a first experience in that job itself: the half year's stay covers it
    assert quick.paths[0].years == 0.5
    longer = find_paths(
        graph,
        "Technicien de maintenance",
        "Ingénieur sécurité",
        profile=Profile(education=5, experience=10, min_stay_years=0.5, first_experience_years=2),
    )
    assert longer.paths[0].years == 2


def test_fewest_moves_ignores_costs(graph: nx.DiGraph) -> None:
    route = find_paths(graph, "Technicien de maintenance", "Ingénieur sécurité", k=3, fewest_moves=True)
    assert [p.cost for p in route.paths] == [p.moves for p in route.paths]
    assert route.mode == "fewest_moves"


def test_weights_change_the_ranking(graph: nx.DiGraph) -> None:
    default = find_paths(graph, "Technicien réseau", "Ingénieur sécurité")
    no_jump = find_paths(graph, "Technicien réseau", "Ingénieur sécurité", costs=CostModel(education_jump=0))
    assert no_jump.paths[0].cost < default.paths[0].cost
    plain = find_paths(
        graph, "Technicien réseau", "Ingénieur sécurité", costs=CostModel(group=0, experience=0)
    )
    assert plain.paths[0].cost == 1 + 0.5 * 2 + 1
    # 3 years asked in production by Ingénieur administrateur système et réseaux, then a first
    # experience (1 year, assumed) in that job by Ingénieur sécurité: half a point a year
    no_group = find_paths(graph, "Technicien réseau", "Ingénieur sécurité", costs=CostModel(group=0))
    assert no_group.paths[0].cost == plain.paths[0].cost + 0.5 * (3 + 1)
    # the fiche admits the technician through the PRODUCTION group, and his card lists a little
    # less than a skills link asks of the engineer's: a little more
    assert no_group.paths[0].cost < default.paths[0].cost < no_group.paths[0].cost + 1


def test_via_and_avoid(graph: nx.DiGraph) -> None:
    via = find_paths(
        graph,
        "Technicien pilote d'exploitation",
        "Ingénieur sécurité",
        via=["Administrateur de base de données"],
    )
    assert "administrateur-de-base-de-donnees" in ids(via.paths[0])
    avoided = find_paths(
        graph,
        "Technicien de maintenance",
        "Administrateur de site",
        avoid=["Gestionnaire de parc micro"],
        k=3,
    )
    for path in avoided.paths:
        assert "gestionnaire-de-parc-micro-informatique" not in ids(path)


def test_no_route_explains_the_blocking_requirement(graph: nx.DiGraph, fiches: nx.DiGraph) -> None:
    with pytest.raises(NoPathError, match="which you asked to avoid"):
        find_paths(
            graph,
            "Technicien de maintenance",
            "Ingénieur sécurité",
            avoid=["Ingénieur administrateur système et réseaux"],
        )
    with pytest.raises(NoPathError, match="no fiche names it") as caught:
        find_paths(fiches, "Technicien de maintenance", "Chef de projet")
    assert "Chef de projet cannot be reached" in str(caught.value)


def test_no_route_suggests_inferred_links(fiches: nx.DiGraph, referentiel: Referentiel) -> None:
    with pytest.raises(NoPathError, match="closest jobs reachable"):
        find_paths(fiches, "Ingénieur sécurité", "Technicien de maintenance")
    wider = build_graph(referentiel, edges=[kind for kind in EDGE_KINDS if kind != LIFTED_KIND])
    back = find_paths(wider, "Ingénieur sécurité", "Technicien de maintenance")
    assert any(link.inferred for step in back.paths[0].steps for link in step.links)


def test_invalid_requests(graph: nx.DiGraph) -> None:
    with pytest.raises(PathRequestError, match="same job"):
        find_paths(graph, "Support technique", "hot liner")
    with pytest.raises(PathRequestError, match="both on the route and to avoid"):
        find_paths(graph, "Support technique", "Ingénieur sécurité", avoid=["ingenieur securite"])
    with pytest.raises(PathRequestError, match="at least 1"):
        find_paths(graph, "Support technique", "Ingénieur sécurité", k=0)
    with pytest.raises(UnknownNameError):
        find_paths(graph, "Support technique", "Astronaute")


def test_reachable_within_moves(graph: nx.DiGraph) -> None:
    one = reachable(graph, "Technicien de maintenance")
    offered = {
        v
        for v in graph.successors("technicien-de-maintenance")
        if move_cost(graph, "technicien-de-maintenance", v) is not None
    }
    assert {r.id for r in one} == offered
    # a production director's post is a jump no fiche names for the technician
    assert "directeur-de-production" in set(graph.successors("technicien-de-maintenance")) - offered
    two = reachable(graph, "Technicien de maintenance", moves=2)
    assert {r.id for r in one} < {r.id for r in two}
    security = next(r for r in two if r.id == "ingenieur-securite")
    assert security.route == [
        "technicien-de-maintenance",
        "ingenieur-administrateur-systeme-et-reseaux",
        "ingenieur-securite",
    ]
    assert all(r.moves <= 2 for r in two)
    with pytest.raises(PathRequestError):
        reachable(graph, "Technicien de maintenance", moves=0)


def test_route_json_uses_from_and_to(graph: nx.DiGraph) -> None:
    data = find_paths(graph, "Technicien de maintenance", "Ingénieur sécurité").to_dict()
    assert (data["from"], data["to"]) == ("technicien-de-maintenance", "ingenieur-securite")
    step = data["paths"][0]["steps"][1]
    assert {"id", "title", "links", "requires", "learn", "explanation"} <= set(step)
    security = data["paths"][0]["steps"][-1]["requires"]
    assert security["text"].startswith("Une expérience professionnelle a des postes comme ingénieur système")
    assert security["unresolved_prior_roles"] == ["responsable qualité"]
    assert isinstance(data["paths"][0]["moves"], int)


def test_find_routes_answers_many_pairs_as_find_paths_does(graph: nx.DiGraph) -> None:
    starts = ["technicien-de-maintenance", "support-technique", "technicien-pilote-d-exploitation"]
    pairs = [(start, end) for start in starts for end in graph if end != start]
    profile = Profile(education=2, experience=1)
    routes = find_routes(graph, pairs, profile=profile)
    assert [(r.from_, r.to) for r in routes] == pairs
    answered = 0
    for route in routes:
        try:
            alone = find_paths(graph, route.from_, route.to, profile=profile)
        except NoPathError:
            assert route.paths == []
            continue
        assert route.paths == alone.paths
        answered += 1
    assert 20 <= answered < len(pairs)


def test_iter_routes_reads_its_pairs_as_it_answers_and_forgets_old_searches(
    graph: nx.DiGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pairs and profiles from endless iterators are answered one at a time, and the searches kept
    stay within their bound without changing any answer."""
    jobs = sorted(graph)
    endless = ((jobs[i % 7], jobs[7 + i % 11]) for i in itertools.count())
    people = (Profile(education=i % 4, experience=i % 9) for i in itertools.count())
    first = list(itertools.islice(iter_routes(graph, endless, profiles=people), 40))
    assert [(r.from_, r.to) for r in first] == [(jobs[i % 7], jobs[7 + i % 11]) for i in range(40)]
    monkeypatch.setattr(paths_module, "SEARCHES_KEPT", len(graph) + 1)  # one search kept at a time
    again = iter_routes(
        graph,
        ((jobs[i % 7], jobs[7 + i % 11]) for i in range(40)),
        profiles=(Profile(education=i % 4, experience=i % 9) for i in range(40)),
    )
    assert [route.paths for route in again] == [route.paths for route in first]


def test_iter_routes_checks_a_list_whole_and_an_iterator_at_its_turn(graph: nx.DiGraph) -> None:
    good = ("Support technique", "Directeur technique")
    with pytest.raises(UnknownNameError):
        iter_routes(graph, [good, ("Support technique", "Astronaute")])  # before any answer
    answers = iter_routes(graph, iter([good, ("Support technique", "Astronaute")]))
    assert next(answers).to == "directeur-technique"
    with pytest.raises(UnknownNameError):
        next(answers)
    with pytest.raises(PathRequestError, match="3 profiles for 2 pairs"):
        list(iter_routes(graph, iter([good, good]), profiles=iter([Profile()] * 3)))
    with pytest.raises(PathRequestError, match="1 profiles for 2 pairs"):
        list(iter_routes(graph, iter([good, good]), profiles=iter([Profile()])))


def test_find_routes_keeps_the_cost_of_find_paths_on_a_large_graph() -> None:
    from carrieres.models import Job, Reference, Referentiel  # noqa: PLC0415

    rng = random.Random(11)
    ids = [f"job-{i}" for i in range(600)]
    jobs = [
        Job(
            id=job_id,
            title=f"Métier {i}",
            prerequisites=Prerequisites(education_min=level, education_max=level),
            proximity=[
                Reference(text=ids[t], line=1, ids=[ids[t]])
                for t in sorted({rng.randrange(600) for _ in range(3)} - {i})
            ],
        )
        for i, (job_id, level) in enumerate(zip(ids, itertools.cycle([None, 0, 2, 3, 5]), strict=False))
    ]
    graph = build_graph(Referentiel(name="synthetic", jobs=jobs))
    pairs = [("job-1", end) for end in rng.sample(ids[2:], 60)]
    for (start, end), route in zip(pairs, find_routes(graph, pairs), strict=True):
        try:
            alone = find_paths(graph, start, end).paths[0]
        except NoPathError:
            assert route.paths == []
            continue
        assert route.paths[0].cost == alone.cost
        assert all(allowed(graph, a.id, b.id) for a, b in itertools.pairwise(route.paths[0].steps))


def test_find_routes_checks_every_pair(graph: nx.DiGraph) -> None:
    with pytest.raises(PathRequestError, match="same job"):
        find_routes(graph, [("Support technique", "Directeur technique"), ("Support technique", "support")])
    with pytest.raises(UnknownNameError, match="Astronaute"):
        find_routes(graph, [("Support technique", "Astronaute")])
    assert find_routes(graph, []) == []
    pairs = [("Support technique", "Directeur technique"), ("Technicien réseau", "Ingénieur sécurité")]
    with pytest.raises(PathRequestError, match="1 profiles for 2 pairs"):
        find_routes(graph, pairs, profiles=[Profile(education=2)])


def test_no_route_under_conditions_blames_the_conditions_not_the_data(referentiel: Referentiel) -> None:
    """A condition on the skills' score leaves out every link without a score: the explanation says
    so, and says nothing of the ROME cards, whose moves exist but were left out."""
    G = build_graph(referentiel, where="score>=0.99")
    with pytest.raises(NoPathError) as caught:
        find_paths(G, "Technicien de maintenance", "Ingénieur sécurité")
    message = str(caught.value)
    assert "the conditions score>=0.99 keep only the links that carry their attributes" in message
    assert "no link the conditions keep leads to Ingénieur sécurité" in message
    assert "leads to no other job's card" not in message
    assert find_paths(build_graph(referentiel), "Technicien de maintenance", "Ingénieur sécurité").paths


def test_a_job_asked_twice_on_a_route_is_named(graph: nx.DiGraph) -> None:
    with pytest.raises(PathRequestError, match=r"^Développeur appears twice among the start"):
        find_paths(graph, "Développeur", "Chef de projet", via=["Développeur"])


def test_the_minimum_stay_is_listed_where_it_set_a_year(graph: nx.DiGraph) -> None:
    """Ingénieur sécurité asks for 'a first experience' (1 year): the second move comes 2 years after
    the first, the minimum stay, and the route says so; with no minimum stay it waits the year asked
    and says nothing of a stay."""
    profile = Profile(education=2, experience=0)
    stay = assumption_texts(profile, LevelScale())["stay"]
    route = find_paths(graph, "Technicien de maintenance", "Ingénieur sécurité", profile=profile)
    years = [step.profile.earliest_year for step in route.paths[0].steps[1:]]
    assert years == [5.0, 7.0]
    assert stay in route.paths[0].assumptions
    quick = Profile(education=2, experience=0, min_stay_years=0)
    route = find_paths(graph, "Technicien de maintenance", "Ingénieur sécurité", profile=quick)
    assert [step.profile.earliest_year for step in route.paths[0].steps[1:]] == [5.0, 6.0]
    assert assumption_texts(quick, LevelScale())["stay"] not in route.paths[0].assumptions
