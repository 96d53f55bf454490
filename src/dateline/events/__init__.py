"""The vocabularies event coding is written in: `acled_vocabulary` names the keys of ACLED coding."""
