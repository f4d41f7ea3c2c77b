"""Functioneel beheer sets each team's phase norms; sessions hold family data and stay out."""

from django.contrib import admin

from accounts.admin import BeheerOnly

from .models import PhaseNorm


@admin.register(PhaseNorm)
class PhaseNormAdmin(BeheerOnly, admin.ModelAdmin):
    list_display = ["team", "phase", "max_days"]
    list_filter = ["team", "phase"]
