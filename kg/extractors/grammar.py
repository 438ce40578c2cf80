"""Provide the closed-class English words that bound noun phrases and clauses."""

from __future__ import annotations

DETERMINERS = {
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "any", "some",
    "each", "every", "all", "both", "either", "neither", "such", "our", "your", "my", "no", "another",
}
PREPOSITIONS = {
    "in", "on", "at", "by", "with", "from", "to", "for", "among", "after", "before", "during", "than",
    "between", "within", "over", "under", "into", "onto", "via", "per", "about", "across", "against",
    "following", "versus", "vs", "through", "throughout", "without", "despite", "toward", "towards",
    "upon", "beyond", "since", "until", "compared", "including", "like", "as", "around", "whereas",
}
CONJUNCTIONS = {"and", "or", "but", "nor", "yet", "so", "although", "though", "because", "while", "whereas", "if"}
AUXILIARIES = {
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does",
    "did", "can", "could", "may", "might", "must", "shall", "should", "will", "would", "remains", "remain",
    "remained", "seems", "seem", "appears", "appear", "appeared", "became", "become", "becomes",
}
PRONOUNS = {
    "it", "they", "them", "he", "she", "we", "you", "i", "which", "who", "whom", "whose", "that", "what",
    "there", "here", "itself", "themselves", "one", "ones",
}
ADVERBS = {
    "significantly", "substantially", "markedly", "slightly", "also", "not", "only", "further", "still",
    "now", "then", "very", "more", "less", "most", "least", "much", "greatly", "effectively", "clearly",
    "statistically", "generally", "often", "usually", "rather", "however", "each", "respectively",
    "nonsignificantly", "consistently", "modestly", "dramatically", "considerably", "partially", "fully",
    "largely", "mostly", "mainly", "particularly", "especially", "already", "even", "just", "approximately",
    "roughly", "nearly", "almost", "about", "both", "again", "positively", "negatively",
}
FUNCTION_WORDS = DETERMINERS | PREPOSITIONS | CONJUNCTIONS | AUXILIARIES | PRONOUNS | ADVERBS | {"of", "not", "n't"}
# nouns for people: they head the population phrase ("patients with X"), never an entity
PEOPLE = {
    "patient", "patients", "people", "persons", "person", "adults", "adult", "children", "child", "women",
    "woman", "men", "man", "participants", "participant", "subjects", "subject", "individuals", "cases",
    "infants", "infant", "adolescents", "girls", "boys", "users", "responders", "inpatients", "outpatients",
    "eyes", "mothers", "volunteers", "population", "populations", "cohort", "cohorts", "group", "groups",
}
CLAUSE_BREAKS = {";", ":", "but", "whereas", "although", "though", "while", "however", "rather"}
