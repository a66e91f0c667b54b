"""The pure licensing domain: signed documents, trust, claims, vendor policy and rules R1-R15.

Nothing here imports Qt or a database; everything returns typed values or raises typed errors.
"""
