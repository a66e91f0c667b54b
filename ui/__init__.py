"""Qt widgets only: windows, pages, dialogs and table models over the `app` services.

The desktop console is built here (see the desktop issue); no rule is computed in this package.
"""
