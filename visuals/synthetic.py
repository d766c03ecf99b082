"""A synthetic projection graph of any size, for the speed benchmark and layout tests.

It follows docs/projection.md (node and edge attributes) with the real
vocabulary keys and labels of GOLD.md, made-up unit names and quote-shaped
evidence, so the page is exercised at sizes no sample corpus has.
"""

from __future__ import annotations

import random

import networkx as nx

VOCAB = "https://w3id.org/fazhi-kg/vocab"
ID = "https://w3id.org/fazhi-kg/id"

MECHANISMS = {
    "mediation_center": ("矛盾纠纷调处化解中心", "dispute mediation centre"),
    "people_mediation": ("人民调解", "people's mediation"),
    "legal_adviser": ("法律顾问", "legal adviser"),
    "hotline_12345": ("12345政务服务便民热线", "12345 service hotline"),
    "legal_hotline": ("12348法律服务热线", "12348 legal hotline"),
    "public_legal_service": ("公共法律服务中心(站)", "public legal service centre"),
    "legal_aid": ("法律援助", "legal aid"),
    "legal_literate": ("法律明白人", "legally literate villagers"),
    "vice_principal": ("法治副校长", "rule-of-law vice principal"),
    "enforcement_three_systems": ("行政执法三项制度", "three enforcement systems"),
    "legality_review": ("合法性审查", "legality review"),
    "document_filing": ("规范性文件备案审查", "normative document filing"),
    "who_enforces_publicizes": ("谁执法谁普法", "who enforces publicises"),
    "four_two": ("四议两公开", "four deliberations two disclosures"),
    "fengqiao": ("枫桥经验", "Fengqiao experience"),
    "grid": ("网格化管理", "grid management"),
}
CAMPAIGNS = {
    "pufa_plan": ("八五普法", "five-year legal publicity plan"),
    "rule_of_law_training": ("法治大培训", "rule-of-law training"),
    "civil_code": ("民法典宣传", "Civil Code publicity"),
    "constitution": ("宪法宣传周", "Constitution publicity"),
    "law_into": ("法律进乡村", "law into villages"),
    "anti_fraud": ("反诈宣传", "anti-fraud publicity"),
}
PROBLEMS = {
    "publicity": ("法治宣传教育不足", "weak legal publicity"),
    "capacity": ("执法队伍建设不足", "weak enforcement capacity"),
    "awareness": ("干部法治意识不强", "weak rule-of-law awareness"),
}
UNIT_TYPES = ["镇", "乡", "街道", "团场", "县", "区"]
RELATIONS = {"mechanism": ("hasMechanism", "运行"), "campaign": ("ranCampaign", "开展"),
             "problem": ("reportsProblem", "问题")}


def synthetic_projection(n_nodes: int, seed: int = 1) -> nx.MultiDiGraph:
    """A projection-shaped graph with exactly ``n_nodes`` nodes (units plus the vocabularies)."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    kinds: list[tuple[str, str]] = []
    for ntype, table, scheme in (("mechanism", MECHANISMS, "mechanism"), ("campaign", CAMPAIGNS, "campaign"),
                                 ("problem", PROBLEMS, "problem")):
        for key, (zh, en) in table.items():
            iri = f"{VOCAB}/{scheme}/{key}"
            G.add_node(iri, type=ntype, label=zh, label_en=en, labels=[zh, en, key], key=key,
                       years=[], count=0, **({"problems": []} if ntype == "problem" else {}))
            kinds.append((iri, ntype))
    n_units = max(n_nodes - len(kinds), 0)
    for i in range(n_units):
        utype = rng.choice(UNIT_TYPES)
        name = f"第{i + 1}{utype}"
        year = rng.choice([2021, 2022, 2023])
        iri = f"{ID}/unit/u{i:05d}"
        source = f"reports/{i:05d}.txt"
        hotline = rng.randint(20, 3000)
        disputes = rng.randint(5, 400)
        metrics = [
            {"measure": "disputes_handled", "value": disputes, "unit": "起", "approximate": False,
             "quote": f"调处各类矛盾纠纷{disputes}起", "year": year, "source": source},
            {"measure": "hotline_received", "value": hotline, "unit": "件", "approximate": False,
             "subject": "hotline_12345", "quote": f"受理12345热线诉求{hotline}件", "year": year, "source": source},
        ]
        G.add_node(iri, type="unit", label=name, labels=[name], unit_type=utype, parent="", years=[year],
                   reports=[{"title": f"{name}{year}年法治政府建设年度报告", "source": source, "year": year}],
                   count=1, metrics=metrics)
        for kiri, ntype in rng.sample(kinds, rng.randint(3, 9)):
            rel, label = RELATIONS[ntype]
            quote = f"{name}{G.nodes[kiri]['label']}工作扎实推进"
            G.add_edge(iri, kiri, type=rel, label=label, weight=rng.randint(1, 4), years=[year],
                       evidence=[{"quote": quote, "start": 0, "end": len(quote), "source": source, "year": year}])
    for kiri, _ in kinds:
        units = {u for u in G.predecessors(kiri)}
        G.nodes[kiri]["count"] = len(units)
        G.nodes[kiri]["years"] = sorted({y for u in units for y in G.nodes[u]["years"]})
    while G.number_of_nodes() > n_nodes:  # tiny sizes: drop kinds beyond the budget
        G.remove_node(sorted(G.nodes)[-1])
    return G
