"""The application: storage, services (use cases), the command line and the GUI entry point."""

APP_NAME = "EntitlementConsole"
APP_AUTHOR = "EntitlementConsole"
