import GRDB

/// The database schema, as numbered migrations applied in order on open.
///
/// The SQL is SQLite's; `PostgresSchema` translates the same steps for PostgreSQL, so both
/// backends have one schema history under the same names.
package enum Schema {
    package static let migrations: [(name: String, sql: String)] = [
        (
            "v1",
            """
            CREATE TABLE runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                status TEXT NOT NULL,
                config_hash TEXT,
                pages_fetched INTEGER NOT NULL DEFAULT 0,
                pages_failed INTEGER NOT NULL DEFAULT 0,
                postings_seen INTEGER NOT NULL DEFAULT 0,
                postings_new INTEGER NOT NULL DEFAULT 0,
                postings_updated INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE pages (
                url TEXT PRIMARY KEY,
                etag TEXT,
                last_modified TEXT,
                body_hash TEXT,
                last_status INTEGER,
                last_fetched_at TEXT
            );
            CREATE TABLE postings (
                fingerprint TEXT PRIMARY KEY,
                source TEXT NOT NULL,
                url TEXT,
                title TEXT,
                canonical_title TEXT,
                role TEXT,
                level TEXT,
                company TEXT,
                industry TEXT,
                location TEXT,
                remote INTEGER,
                employment_type TEXT,
                date_posted TEXT,
                salary_min REAL,
                salary_max REAL,
                salary_currency TEXT,
                salary_period TEXT,
                annual_min_usd REAL,
                annual_max_usd REAL,
                salary_source TEXT,
                salary_estimate INTEGER NOT NULL DEFAULT 0,
                skills TEXT NOT NULL DEFAULT '[]',
                education TEXT NOT NULL DEFAULT '[]',
                certifications TEXT NOT NULL DEFAULT '[]',
                extracted_from TEXT,
                first_seen TEXT NOT NULL,
                last_seen TEXT NOT NULL,
                first_run INTEGER NOT NULL REFERENCES runs(id),
                last_run INTEGER NOT NULL REFERENCES runs(id),
                closed_at TEXT
            );
            CREATE INDEX postings_level_industry ON postings(level, industry);
            CREATE TABLE posting_skills (
                fingerprint TEXT NOT NULL REFERENCES postings(fingerprint) ON DELETE CASCADE,
                skill TEXT NOT NULL,
                PRIMARY KEY (fingerprint, skill)
            ) WITHOUT ROWID;
            CREATE INDEX posting_skills_skill ON posting_skills(skill);
            """
        ),
        (
            "v2: page identity and fetch ledger",
            """
            ALTER TABLE pages ADD COLUMN fingerprint TEXT;
            CREATE TABLE fetches (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id INTEGER NOT NULL REFERENCES runs(id),
                url TEXT NOT NULL,
                kind TEXT NOT NULL,
                status INTEGER,
                bytes INTEGER NOT NULL DEFAULT 0,
                milliseconds INTEGER NOT NULL DEFAULT 0,
                retries INTEGER NOT NULL DEFAULT 0,
                outcome TEXT NOT NULL,
                fetched_at TEXT NOT NULL
            );
            CREATE INDEX fetches_run ON fetches(run_id);
            """
        ),
        (
            "v3: lifecycle and salary history",
            """
            ALTER TABLE postings ADD COLUMN missed_runs INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX postings_open ON postings(closed_at, source);
            CREATE TABLE salary_history (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                fingerprint TEXT NOT NULL REFERENCES postings(fingerprint) ON DELETE CASCADE,
                run_id INTEGER NOT NULL REFERENCES runs(id),
                replaced_at TEXT NOT NULL,
                salary_min REAL,
                salary_max REAL,
                salary_currency TEXT,
                salary_period TEXT,
                annual_min_usd REAL,
                annual_max_usd REAL
            );
            CREATE INDEX salary_history_posting ON salary_history(fingerprint);
            """
        ),
        (
            "v4: the run that closed a posting",
            """
            ALTER TABLE postings ADD COLUMN closed_run INTEGER REFERENCES runs(id);
            CREATE INDEX postings_runs ON postings(first_run, closed_run);
            """
        ),
    ]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for (name, sql) in migrations {
            migrator.registerMigration(name) { db in try db.execute(sql: sql) }
        }
        return migrator
    }
}
