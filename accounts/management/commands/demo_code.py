"""`manage.py demo_code` (`make code`): the code the demo users' authenticator app would show now."""

from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DemoSecondFactorUnavailable, demo_totp_code, demo_totp_uri


class Command(BaseCommand):
    help = "Toon de huidige code van de tweede stap voor de demo-gebruikers (alleen lokaal, met DEBUG)."

    def add_arguments(self, parser):
        parser.add_argument("--uri", action="store_true", help="ook de otpauth://-URI om in een app te zetten")

    def handle(self, *args, **opts):
        try:
            code = demo_totp_code()
            uri = demo_totp_uri()
        except DemoSecondFactorUnavailable as error:
            raise CommandError(str(error)) from error
        if opts["uri"]:
            self.stdout.write(uri)
        self.stdout.write(code)
