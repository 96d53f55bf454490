"""What an event is, named once: `same_event` (when two mentions are one event), `acled_vocabulary` (ACLED keys)."""
