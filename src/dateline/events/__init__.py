"""What an event is, named once: `same_event` decides when two mentions are one event, `acled_vocabulary` names the keys of ACLED coding."""
