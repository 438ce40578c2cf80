"""Hold the word tables the extractors read: triggers of change, modifiers, function words.

These are data, not code: callers may override any table (see kg.extractors.findings.Rules).
They describe English clinical-claim grammar in general, not any one text.
"""

from __future__ import annotations

# change triggers: word (lower case) -> effect. "+" raises, "-" lowers, "imp" improves (up for a
# good thing, down for a harm), "wor" worsens, "0" no change, "?" a change of unstated direction.
VERB_TRIGGERS: dict[str, str] = {
    **dict.fromkeys(
        ["reduce", "reduces", "reduced", "reducing", "reduction", "reductions", "decrease", "decreases", "decreased", "decreasing", "lower", "lowers", "lowered", "lowering", "lessen", "lessened", "diminish", "diminished", "diminishes", "alleviate", "alleviates", "alleviated", "relieve", "relieves", "relieved", "relieving", "attenuate", "attenuated", "suppress", "suppressed", "prevent", "prevents", "prevented", "preventing", "prevention", "slow", "slows", "slowed", "slowing", "shorten", "shortens", "shortened", "control", "controls", "controlled", "controlling", "inhibit", "inhibits", "inhibited", "halve", "halved", "cut", "cuts", "oversuppress", "decline", "declined", "fall", "fell", "fewer", "less", "lower", "lesser", "smaller", "shorter", "discontinue", "discontinued", "discontinuing", "stop", "stopped", "withdrew", "eliminate", "eliminated", "resolve", "resolved", "abolish", "abolished", "minimise", "minimize", "minimised", "minimized"],
        "-",
    ),
    **dict.fromkeys(
        ["increase", "increases", "increased", "increasing", "raise", "raises", "raised", "elevate", "elevated", "enhance", "enhances", "enhanced", "boost", "boosted", "prolong", "prolongs", "prolonged", "extend", "extended", "induce", "induces", "induced", "cause", "causes", "caused", "causing", "produce", "produced", "achieve", "achieves", "achieved", "gain", "gains", "gained", "double", "doubled", "more", "higher", "greater", "larger", "longer", "develop", "developed", "provoke", "provoked", "trigger", "triggered", "restore", "restored", "provide", "provides", "provided", "yield", "yielded", "linked"],
        "+",
    ),
    **dict.fromkeys(
        ["improve", "improves", "improved", "improving", "improvement", "improvements", "benefit", "benefits", "benefited", "help", "helps", "helped", "better", "effect", "effects"],
        "imp",
    ),
    **dict.fromkeys(["worsen", "worsens", "worsened", "worsening", "deteriorate", "deteriorated", "impair", "impaired"], "wor"),
    **dict.fromkeys(["affect", "affects", "affected", "affecting", "change", "changes", "changed", "influence", "influenced"], "?"),
}
# "effective for X", "efficacious in X": the condition X is reduced
EFFECTIVE_WORDS = {"effective", "efficacious", "successful", "beneficial", "useful"}
# triggers whose object is also the condition treated ("controlling spasticity")
INDICATION_TRIGGERS = {"control", "controls", "controlled", "controlling", "effective", "efficacious"}
# adjectives that never name a therapy on their own: "an important adjunctive therapy" is no therapy
GENERIC_ADJECTIVES = {
    "important", "effective", "new", "novel", "standard", "current", "conventional", "alternative",
    "additional", "adjunctive", "adjunct", "optimal", "first-line", "second-line", "third-line", "initial",
    "long-term", "short-term", "appropriate", "available", "specific", "early", "late", "safe", "better",
    "best", "good", "main", "other", "same", "different", "several", "many", "previous", "prior",
    "subsequent", "ideal", "successful", "medical", "drug", "active", "combined", "combination", "this",
    "such", "usual", "routine", "further", "continued", "ongoing", "maintenance", "potential", "possible",
}
# adjectives after "was/were (more|less)" or "the most": "X was more frequent with Y"
FREQUENCY_WORDS = {"frequent", "common", "often", "likely", "prevalent", "severe", "frequently"}
# a noun trigger takes its object after one of these prepositions ("improvement in pain")
OBJECT_PREPOSITIONS = {"in", "of", "on", "to"}
# nouns of risk and rate that a comparative modifies: "higher risk of X" is an increase of X
RISK_NOUNS = {"risk", "risks", "odds", "rate", "rates", "incidence", "likelihood", "hazard", "chance", "number"}
# "no significant difference in X", "no effect on X": X did not change
NO_CHANGE_NOUNS = {"difference", "differences", "effect", "effects", "change", "changes", "impact", "benefit"}
NO_CHANGE_VERBS = {"differ", "differed", "differs"}
NON_INFERIORITY = {"non-inferior", "noninferior", "equivalent", "similar", "comparable"}

NEGATIONS = {"not", "n't", "no", "never", "neither", "nor", "without", "failed", "fails", "fail", "none", "cannot"}

# words that make a harm: "improvement in pain" lowers pain; "improvement in sitting" raises sitting
HARM_WORDS = {
    "pain", "mortality", "death", "deaths", "risk", "adverse", "complication", "complications", "toxicity",
    "progression", "fracture", "fractures", "relapse", "relapses", "recurrence", "exacerbation",
    "exacerbations", "loss", "event", "events", "symptom", "symptoms", "severity", "disability", "spasm",
    "spasms", "tone", "infection", "infections", "failure", "hospitalisation", "hospitalization",
    "hospitalisations", "hospitalizations", "admission", "admissions", "readmission", "withdrawal",
    "withdrawals", "flare", "flares", "injury", "damage", "burden", "weakness", "fatigue", "nausea",
    "vomiting", "dose", "use", "elevation", "score", "scores", "level", "levels",
}
GOOD_WORDS = {
    "survival", "function", "quality", "response", "responses", "remission", "independence", "acuity",
    "relief", "recovery", "sitting", "communication", "comfort", "mobility", "ability", "strength",
    "healing", "density", "expectancy", "efficacy", "effectiveness", "adherence", "satisfaction",
    "outcome", "outcomes", "control", "gains", "gain", "performance", "cognition", "sleep", "walking",
}

# words that modify a therapy and belong to its name ("intrathecal baclofen", "low-dose colchicine")
THERAPY_MODIFIERS = {
    "oral", "intrathecal", "intravenous", "iv", "subcutaneous", "intramuscular", "topical", "inhaled",
    "intravitreal", "intranasal", "transdermal", "rectal", "sublingual", "epidural", "intra-articular",
    "intralesional", "systemic", "local", "adjuvant", "neoadjuvant",
    "maintenance", "low-dose", "high-dose", "standard-dose", "fixed-dose", "once-daily", "twice-daily",
    "once-weekly", "once-yearly", "once-monthly", "daily", "weekly", "monthly", "yearly", "annual",
    "early", "intensive", "long-acting", "short-acting", "extended-release", "sustained-release",
    "combined", "concomitant", "prophylactic", "perioperative", "postoperative", "preoperative",
    "dual", "triple", "single-dose", "pegylated", "liposomal", "recombinant", "nurse-led", "home-based",
    "supervised", "structured", "conventional", "standard", "effective", "empirical", "empiric",
}
# words after a therapy that are part of the name ("botulinum toxin injections", "colchicine prophylaxis")
THERAPY_HEADS = {
    "therapy", "therapies", "treatment", "treatments", "injection", "injections", "infusion", "infusions",
    "prophylaxis", "regimen", "regimens", "monotherapy", "programme", "programmes", "program", "programs",
    "intervention", "interventions", "training", "care", "surgery", "implantation", "stimulation",
    "supplementation", "supplements", "tablets", "vaccine", "vaccination", "transplantation",
    "mobilisation", "mobilization", "rehabilitation", "counselling", "counseling", "education",
}
# nouns after a drug name that make it a modifier of something else: "the baclofen pump", "dose escalation"
DRUG_MODIFIED_NOUNS = {
    "pump", "pumps", "level", "levels", "concentration", "concentrations", "escalation", "overdose",
    "toxicity", "withdrawal", "resistance", "receptor", "receptors", "metabolism", "clearance", "exposure",
}
# therapy heads dropped from a drug's label: "intrathecal baclofen therapy" is "intrathecal baclofen"
GENERIC_THERAPY_HEADS = {"therapy", "therapies", "treatment", "treatments", "monotherapy"}
# combination words: "X plus Y", "X combined with Y", "X with Y" is one combined therapy
COMBINERS = {"plus", "+"}

# suffixes of drug names (INN stems): unknown words with these are drugs
DRUG_SUFFIXES = (
    "mab", "nib", "tinib", "ciclib", "parib", "lisib", "rafenib", "zumab", "ximab", "umab", "cept",
    "pril", "sartan", "olol", "dipine", "statin", "azole", "cillin", "mycin", "floxacin", "cycline",
    "dronate", "gliptin", "gliflozin", "glutide", "platin", "taxel", "rubicin", "vir", "prazole",
    "setron", "triptan", "lukast", "parin", "xaban", "gatran", "semide", "thiazide", "tidine",
    "oxetine", "triptyline", "azepam", "azolam", "barbital", "caine", "profen", "coxib", "sone",
    "solone", "olone", "terol", "tropium", "idone", "apine", "peridone", "kinra", "leukin",
)
# suffixes and head nouns of disease names: unknown words with these are conditions
DISEASE_SUFFIXES = (
    "itis", "osis", "emia", "aemia", "oma", "omas", "pathy", "pathies", "plegia", "paresis", "algia",
    "trophy", "rrhea", "rrhoea", "penia", "cytosis", "ectasia", "plasia", "spasm", "tonia", "kinesia",
    "phasia", "phagia", "uria", "lepsy", "philia", "iasis", "ism", "oedema", "edema",
)
DISEASE_HEADS = {
    "disease", "diseases", "disorder", "disorders", "syndrome", "syndromes", "cancer", "cancers",
    "carcinoma", "tumour", "tumours", "tumor", "tumors", "infection", "infections", "fracture",
    "fractures", "injury", "injuries", "failure", "insufficiency", "deficiency", "dysfunction",
    "lesion", "lesions", "ulcer", "ulcers", "palsy", "sclerosis", "neuropathy", "neuralgia",
    "pain", "malignancy", "malignancies", "stenosis", "hypertension", "hypotension", "arrhythmia",
    "arrhythmias", "attack", "attacks", "seizures", "convulsions", "spasticity", "dystonia",
    "leukaemia", "leukemia", "lymphoma", "degeneration", "impairment", "abruption", "sores",
}
# modifiers that belong to a condition's name ("refractory spasticity", "moderate-to-severe asthma")
CONDITION_MODIFIERS = {
    "chronic", "acute", "severe", "moderate", "mild", "refractory", "metastatic", "advanced", "early",
    "late", "recurrent", "relapsed", "relapsing", "primary", "secondary", "progressive", "stable",
    "unstable", "resistant", "persistent", "uncontrolled", "postmenopausal", "premenopausal", "juvenile",
    "adult", "childhood", "neonatal", "congenital", "acquired", "idiopathic", "essential", "diabetic",
    "painful", "serious", "fatal", "low", "high", "new", "newly-diagnosed", "type", "stage", "grade",
    "moderate-to-severe", "mild-to-moderate", "spastic", "localised", "localized", "disseminated",
    "invasive", "non-invasive", "borderline", "active", "inactive", "treatment-resistant",
}
# adjective endings: an unknown word with one of these before a disease name belongs to it
ADJECTIVE_SUFFIXES = ("ic", "al", "ive", "ous", "ary", "ar", "ful", "ile", "oid", "ent", "ant")

# comparator markers: a therapy right after these is the comparison arm, not the therapy claimed
COMPARATOR_MARKERS = {
    "than", "versus", "vs", "vs.", "compared", "comparison", "relative", "against", "over", "placebo",
    "either", "alone", "sham", "switched", "instead",
}
# a therapy after these is given alongside the one claimed: "folic acid given with methotrexate"
COTHERAPY_MARKERS = {("given", "with"), ("combined", "with"), ("together", "with"), ("added", "to"),
                     ("co-administered", "with"), ("background", "of"), ("top", "of")}
# a therapy after "adding X to" is the background therapy
ADDING_WORDS = {"adding", "add-on", "addition"}
# "combining X with Y": both X and Y are claimed
COMBINING_WORDS = {"combining", "combination"}
# "randomly assigned to X or Y": a sentence describing the arms of a trial claims no finding
ALLOCATION_WORDS = {"assigned", "allocated", "randomised", "randomized", "randomly", "allocation"}
