"""Hold the word tables the extractors read: triggers of change, modifiers, function words.

These are data, not code: callers may override any table (they are module attributes).
They describe English clinical-claim grammar in general, not any one text.
"""

from __future__ import annotations

# change triggers: word (lower case) -> effect. "+" raises, "-" lowers, "imp" improves (up for a
# good thing, down for a harm), "wor" worsens, "0" no change, "?" a change of unstated direction.
VERB_TRIGGERS: dict[str, str] = {
    **dict.fromkeys(
        """
        reduce reduces reduced reducing reduction reductions decrease decreases decreased
        decreasing lower lowers lowered lowering lessen lessened diminish diminished
        diminishes alleviate alleviates alleviated alleviating relieve relieves relieved
        relieving attenuate attenuated attenuating suppress suppressed suppressing prevent
        prevents prevented preventing prevention slow slows slowed slowing shorten shortens
        shortened shortening control controls controlled controlling inhibit inhibits
        inhibited inhibiting halve halved cut cuts oversuppress decline declined fall fell
        fewer less lesser shorter discontinue discontinued discontinuing stop stopped
        withdrew eliminate eliminated resolve resolved abolish abolished minimise minimize
        minimised minimized cured eradicated
        """.split(),
        "-",
    ),
    **dict.fromkeys(
        """
        increase increases increased increasing raise raises raised raising elevate elevated
        enhance enhances enhanced enhancing boost boosted prolong prolongs prolonged
        prolonging extend extended extending induce induces induced inducing cause causes
        caused causing produce produced achieve achieves achieved achieving gain gains
        gained double doubled more higher greater longer develop developed provoke provoked
        trigger triggered restore restores restored restoring provide provides provided yield yielded linked
        carry carries carried
        """.split(),
        "+",
    ),
    **dict.fromkeys(
        """
        improve improves improved improving improvement improvements benefit benefits
        benefited help helps helped better effect effects optimize optimizes optimized optimise
        optimises optimised
        """.split(),
        "imp",
    ),
    **dict.fromkeys(
        """
        worsen worsens worsened worsening deteriorate deteriorated impair impaired
        """.split(),
        "wor",
    ),
    **dict.fromkeys(
        """
        affect affects affected affecting change changes changed influence influenced
        """.split(),
        "?",
    ),
}

# "effective for X", "efficacious in X": the condition X is reduced
EFFECTIVE_WORDS = set(
    """
    beneficial effective efficacious efficacy successful useful
    """.split()
)

# triggers whose object is also the condition treated ("controlling spasticity")
INDICATION_TRIGGERS = set(
    """
    control controlled controlling controls effective efficacious efficacy
    """.split()
)

# adjectives that never name a therapy on their own: "an important adjunctive therapy" is no therapy
GENERIC_ADJECTIVES = set(
    """
    active additional adjunct adjunctive alternative appropriate available best better
    combination combined continued conventional current different drug early effective
    first-line further good ideal important initial late long-term main maintenance many medical
    new novel ongoing optimal other possible potential previous prior routine safe same
    second-line several short-term specific standard subsequent successful such third-line this
    usual
    """.split()
)

# adjectives after "was/were (more|less)" or "the most": "X was more frequent with Y"
FREQUENCY_WORDS = set(
    """
    common frequent frequently likely often prevalent severe
    """.split()
)

# a noun trigger takes its object after one of these prepositions ("improvement in pain")
OBJECT_PREPOSITIONS = set(
    """
    in of on to
    """.split()
)

# nouns of risk and rate that a comparative modifies: "higher risk of X" is an increase of X
RISK_NOUNS = set(
    """
    chance hazard incidence likelihood number odds rate rates risk risks
    """.split()
)

# "no significant difference in X", "no effect on X": X did not change
NO_CHANGE_NOUNS = set(
    """
    benefit change changes difference differences effect effects impact
    """.split()
)

NO_CHANGE_VERBS = set(
    """
    differ differed differs
    """.split()
)

NON_INFERIORITY = set(
    """
    comparable equivalent non-inferior noninferior similar
    """.split()
)

# "finerenone-treated patients", "linezolid-related neuropathy": the word before names a drug
EXPOSURE_SUFFIXES = set(
    """
    associated based containing exposed induced related treated
    """.split()
)
# of these, the ones that make the following phrase a harm the drug caused
HARM_SUFFIXES = set(
    """
    associated induced related
    """.split()
)

# heads of outcome phrases that measure a disease named before them ("breast cancer mortality")
MEASURE_HEADS = set(
    """
    activity burden control death deaths incidence mortality progression recurrence relapse
    remission severity transmission
    """.split()
)

# "X was superior to Y": Y is the comparison arm
SUPERIORITY = set(
    """
    inferior superior
    """.split()
)

NEGATIONS = set(
    """
    cannot fail failed fails n't neither never no none nor not without
    """.split()
)

# words that make a harm: "improvement in pain" lowers pain; "improvement in sitting" raises sitting
HARM_WORDS = set(
    """
    admission admissions adverse burden complication complications damage death deaths
    disability dose elevation event events exacerbation exacerbations failure fatigue flare
    flares fracture fractures hospitalisation hospitalisations hospitalization hospitalizations
    infection infections injury level levels loss mortality nausea pain progression readmission
    recurrence relapse relapses risk score scores severity spasm spasms symptom symptoms tone
    toxicity use vomiting weakness withdrawal withdrawals
    """.split()
)

GOOD_WORDS = set(
    """
    ability acuity adherence cognition comfort communication control density effectiveness
    efficacy expectancy function gain gains healing independence mobility outcome outcomes
    performance quality recovery relief remission response responses satisfaction sitting sleep
    strength survival walking
    """.split()
)

# words that modify a therapy and belong to its name ("intrathecal baclofen", "low-dose colchicine")
THERAPY_MODIFIERS = set(
    """
    adjuvant annual arthroscopic combined concomitant conventional daily dual early effective
    empiric empirical endoscopic endovascular epidural extended-release fixed-dose high-dose
    home-based inhaled intensive intra-articular intralesional intramuscular intranasal
    intrathecal intravenous intravitreal iv laparoscopic liposomal local long-acting low-dose
    maintenance minimally-invasive monthly nebulised nebulized neoadjuvant nurse-led once-daily
    once-monthly once-weekly once-yearly open oral pegylated percutaneous perioperative
    postoperative preoperative prophylactic recombinant rectal robot-assisted robotic
    short-acting single-dose standard standard-dose stereotactic structured subcutaneous
    sublingual supervised sustained-release systemic thoracoscopic topical transcatheter
    transdermal triple twice-daily weekly yearly
    """.split()
)

# words after a therapy that are part of the name ("botulinum toxin injections", "colchicine prophylaxis")
THERAPY_HEADS = set(
    """
    care counseling counselling education implantation infusion infusions injection injections
    intervention interventions mobilisation mobilization monotherapy program programme
    programmes programs prophylaxis regimen regimens rehabilitation stimulation supplementation
    supplements surgery tablets therapies therapy training transplantation treatment treatments
    vaccination vaccine
    """.split()
)

# nouns after a drug name that make it a modifier of something else: "the baclofen pump", "dose escalation"
DRUG_MODIFIED_NOUNS = set(
    """
    clearance concentration concentrations consumption escalation exposure level levels
    metabolism overdose pump pumps receptor receptors requirement requirements resistance
    toxicity withdrawal
    """.split()
)

# therapy heads dropped from a drug's label: "intrathecal baclofen therapy" is "intrathecal baclofen"
GENERIC_THERAPY_HEADS = set(
    """
    monotherapy therapies therapy treatment treatments
    """.split()
)

# combination words: "X plus Y", "X combined with Y", "X with Y" is one combined therapy
COMBINERS = set(
    """
    + plus
    """.split()
)

# suffixes of drug names (INN stems): unknown words with these are drugs
DRUG_SUFFIXES = tuple(
    """
    mab nib tinib ciclib parib lisib rafenib zumab ximab umab cept pril sartan olol dipine
    statin azole cillin mycin floxacin cycline dronate gliptin gliflozin glutide platin taxel
    rubicin vir prazole setron triptan lukast parin xaban gatran semide thiazide tidine oxetine
    triptyline azepam azolam barbital caine profen coxib sone solone olone terol tropium idone
    apine peridone kinra leukin
    """.split()
)

# endings of surgical procedure names: unknown words with these are therapies
PROCEDURE_SUFFIXES = tuple(
    """
    ectomy ectomies otomy otomies ostomy ostomies plasty plasties pexy rrhaphy desis tripsy
    """.split()
)

# suffixes and head nouns of disease names: unknown words with these are conditions
DISEASE_SUFFIXES = tuple(
    """
    itis osis emia aemia oma omas pathy pathies plegia paresis algia trophy rrhea rrhoea penia
    cytosis ectasia plasia spasm tonia kinesia phasia phagia uria lepsy philia iasis oedema
    edema
    """.split()
)

DISEASE_HEADS = set(
    """
    abruption arrhythmia arrhythmias attack attacks cancer cancers carcinoma convulsions
    deficiency degeneration disease diseases disorder disorders dysfunction dystonia failure
    fracture fractures hypertension hypotension impairment infection infections injuries injury
    insufficiency lesion lesions leukaemia leukemia lymphoma malignancies malignancy neuralgia
    neuropathy pain palsy sclerosis seizures sores spasticity stenosis syndrome syndromes tumor
    tumors tumour tumours ulcer ulcers
    """.split()
)

# common words that end like a disease but name none
NON_DISEASE_WORDS = set(
    """
    diagnosis prognosis hypnosis apoptosis mitosis meiosis osmosis symbiosis academia sympathy
    empathy telepathy homeopathy nostalgia trophy diploma aroma stoma chemotherapy hemodialysis
    haemodialysis
    """.split()
)

# modifiers that belong to a condition's name ("refractory spasticity", "moderate-to-severe asthma")
CONDITION_MODIFIERS = set(
    """
    acquired active acute adult advanced borderline childhood chronic congenital diabetic
    disseminated early essential fatal grade high idiopathic inactive invasive juvenile late
    localised localized low metastatic mild mild-to-moderate moderate moderate-to-severe
    neonatal new newly-diagnosed non-invasive painful persistent postmenopausal premenopausal
    primary progressive recurrent refractory relapsed relapsing resistant secondary serious
    severe spastic stable stage treatment-resistant type uncontrolled unstable
    """.split()
)

# adjective endings: an unknown word with one of these before a disease name belongs to it
ADJECTIVE_SUFFIXES = tuple(
    """
    ic al ive ous ary ar ful ile oid ent ant
    """.split()
)

# comparator markers: a therapy right after these is the comparison arm, not the therapy claimed
COMPARATOR_MARKERS = set(
    """
    against alone compared comparison either instead over placebo relative sham switched than
    versus vs vs.
    """.split()
)

# a therapy after these is given alongside the one claimed: "folic acid given with methotrexate"
COTHERAPY_MARKERS = {
    ("given", "with"),
    ("combined", "with"),
    ("top", "of"),
    ("together", "with"),
    ("co-administered", "with"),
    ("added", "to"),
    ("background", "of"),
}

# a therapy after these, with another therapy before it in the clause, was given before or
# instead of the one claimed: "ticagrelor monotherapy after 3 months of dual antiplatelet therapy"
PRIOR_MARKERS = set(
    """
    after despite following
    """.split()
)

# the therapy right after these is the one left ("switching from A to B", "replacing A with B");
# the one after "to" or "with" is claimed
SWITCH_WORDS = set(
    """
    conversion converted converting replace replaced replacing substituting switch switched
    switching transition
    """.split()
)

# a therapy after "adding X to" is the background therapy
ADDING_WORDS = set(
    """
    add-on adding addition
    """.split()
)

# "combining X with Y": both X and Y are claimed
COMBINING_WORDS = set(
    """
    combination combining
    """.split()
)

# "randomly assigned to X or Y": a sentence describing the arms of a trial claims no finding
ALLOCATION_WORDS = set(
    """
    allocated allocation assigned randomised randomized randomly
    """.split()
)
