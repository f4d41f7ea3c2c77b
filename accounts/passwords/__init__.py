"""Passwords: the Dutch common-password check, self-service change and the reset link by e-mail."""

from .common import DutchCommonPasswordValidator, DutchMinimumLengthValidator

__all__ = ["DutchCommonPasswordValidator", "DutchMinimumLengthValidator"]
