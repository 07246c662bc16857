"""Tools for the clinic staff and the engineer, over the core: check, report, evaluation, tuning."""
