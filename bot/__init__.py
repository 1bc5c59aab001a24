"""K Safer: harm-reduction information about ketamine, served as menus on Telegram."""

__version__ = "0.1.0"
