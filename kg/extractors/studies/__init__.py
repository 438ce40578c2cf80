"""Studies: citation markers, designs and sample sizes in a sentence, a document's reference
list, and the studies a document itself names."""
