"""Running IOP-stöd as municipal IT does: PostgreSQL, several app processes, HAProxy in front.

The configuration files here are the production ones; the Python modules start the same
pieces for ``scripts/serve-cluster`` and for the test run.
"""
