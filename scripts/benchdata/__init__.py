"""The benchmark data set: a whole GI (or the whole country) written with PostgreSQL COPY.

Every row is a pure function of (seed, today, size, its own index): a family's
shape, contacts and history come from a random generator seeded by the family's
id, and ids are derived from their parent's id (contact = family * 1024 + k), so
any chunk can be written again without reading what was written before. That is
what makes the build resumable chunk by chunk and the tiny size testable.
"""
