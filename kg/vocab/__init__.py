"""Load the vocabularies (MeSH diseases, drugs, HPO, bundled and user SKOS) into one matcher."""
