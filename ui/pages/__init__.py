"""The pages of the main window; each shows part of a `Dashboard` and asks its host for actions."""
