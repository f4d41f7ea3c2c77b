"""manage.py db_roles: create or refresh the owner and app database roles and their rights (core.db_roles).

Run it as the superuser once to bootstrap (and when a role name or password changes), and as the
owner role after every ``migrate``; both runs are idempotent. Role names and passwords come from
DB_OWNER_ROLE, DB_OWNER_PASSWORD, DB_APP_ROLE and DB_APP_PASSWORD (README, "Production").
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core.db_roles import DbRolesError, db_roles_apply, role_spec_from_settings


class Command(BaseCommand):
    help = "Create or refresh the database's owner and app roles and the app role's rights."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--database", default="default", help="the database alias (default: default)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            done = db_roles_apply(spec=role_spec_from_settings(), using=options["database"])
        except DbRolesError as error:
            raise CommandError(str(error)) from error
        for line in done:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("db_roles: the app role's rights are as they must be"))
