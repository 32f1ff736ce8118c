import Foundation

/// The PostgreSQL schema: the SQLite schema's migrations, step for step, in PostgreSQL's types,
/// then the tables only several workers need (the shared frontier).
///
/// Text compares byte by byte (`COLLATE "C"`), as in SQLite, so both backends order alike.
enum PostgresSchema {
    static let migrations: [(name: String, sql: String)] = [
        (
            "v1",
            """
            CREATE TABLE runs (
                id BIGSERIAL PRIMARY KEY,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                status TEXT NOT NULL,
                config_hash TEXT,
                pages_fetched BIGINT NOT NULL DEFAULT 0,
                pages_failed BIGINT NOT NULL DEFAULT 0,
                postings_seen BIGINT NOT NULL DEFAULT 0,
                postings_new BIGINT NOT NULL DEFAULT 0,
                postings_updated BIGINT NOT NULL DEFAULT 0
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
                salary_min DOUBLE PRECISION,
                salary_max DOUBLE PRECISION,
                salary_currency TEXT,
                salary_period TEXT,
                annual_min_usd DOUBLE PRECISION,
                annual_max_usd DOUBLE PRECISION,
                salary_source TEXT,
                salary_estimate INTEGER NOT NULL DEFAULT 0,
                skills TEXT NOT NULL DEFAULT '[]',
                education TEXT NOT NULL DEFAULT '[]',
                certifications TEXT NOT NULL DEFAULT '[]',
                extracted_from TEXT,
                first_seen TEXT NOT NULL,
                last_seen TEXT NOT NULL,
                first_run BIGINT NOT NULL REFERENCES runs(id),
                last_run BIGINT NOT NULL REFERENCES runs(id),
                closed_at TEXT
            );
            CREATE INDEX postings_level_industry ON postings(level, industry);
            CREATE TABLE posting_skills (
                fingerprint TEXT NOT NULL REFERENCES postings(fingerprint) ON DELETE CASCADE,
                skill TEXT NOT NULL,
                PRIMARY KEY (fingerprint, skill)
            );
            CREATE INDEX posting_skills_skill ON posting_skills(skill);
            """
        ),
        (
            "v2: page identity and fetch ledger",
            """
            ALTER TABLE pages ADD COLUMN fingerprint TEXT;
            CREATE TABLE fetches (
                id BIGSERIAL PRIMARY KEY,
                run_id BIGINT NOT NULL REFERENCES runs(id),
                url TEXT NOT NULL,
                kind TEXT NOT NULL,
                status INTEGER,
                bytes BIGINT NOT NULL DEFAULT 0,
                milliseconds BIGINT NOT NULL DEFAULT 0,
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
                id BIGSERIAL PRIMARY KEY,
                fingerprint TEXT NOT NULL REFERENCES postings(fingerprint) ON DELETE CASCADE,
                run_id BIGINT NOT NULL REFERENCES runs(id),
                replaced_at TEXT NOT NULL,
                salary_min DOUBLE PRECISION,
                salary_max DOUBLE PRECISION,
                salary_currency TEXT,
                salary_period TEXT,
                annual_min_usd DOUBLE PRECISION,
                annual_max_usd DOUBLE PRECISION
            );
            CREATE INDEX salary_history_posting ON salary_history(fingerprint);
            """
        ),
        (
            "v4: the run that closed a posting",
            """
            ALTER TABLE postings ADD COLUMN closed_run BIGINT REFERENCES runs(id);
            CREATE INDEX postings_runs ON postings(first_run, closed_run);
            """
        ),
        (
            "v5: shared frontier",
            """
            CREATE TABLE hosts (
                run_id BIGINT NOT NULL REFERENCES runs(id),
                origin TEXT NOT NULL,
                next_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
                delay_ms INTEGER NOT NULL DEFAULT 0,
                robots_status INTEGER,
                robots_text TEXT,
                PRIMARY KEY (run_id, origin)
            );
            CREATE TABLE frontier (
                id BIGSERIAL PRIMARY KEY,
                run_id BIGINT NOT NULL REFERENCES runs(id),
                url TEXT NOT NULL,
                origin TEXT NOT NULL,
                source TEXT NOT NULL,
                kind TEXT NOT NULL,
                page INTEGER NOT NULL DEFAULT 1,
                state TEXT NOT NULL DEFAULT 'pending',
                not_before TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
                worker TEXT,
                lease_until TIMESTAMPTZ,
                attempts INTEGER NOT NULL DEFAULT 0,
                outcome TEXT,
                known TEXT,
                UNIQUE (run_id, kind, url)
            );
            CREATE INDEX frontier_claim ON frontier(run_id, origin, state);
            CREATE TABLE run_workers (
                run_id BIGINT NOT NULL REFERENCES runs(id),
                worker TEXT NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                listing_pages BIGINT NOT NULL DEFAULT 0,
                posting_pages BIGINT NOT NULL DEFAULT 0,
                unchanged BIGINT NOT NULL DEFAULT 0,
                skipped BIGINT NOT NULL DEFAULT 0,
                failed BIGINT NOT NULL DEFAULT 0,
                postings_new BIGINT NOT NULL DEFAULT 0,
                postings_updated BIGINT NOT NULL DEFAULT 0,
                PRIMARY KEY (run_id, worker)
            );
            """
        ),
    ].map { ($0.0, $0.1.replacingOccurrences(of: " TEXT", with: " TEXT COLLATE \"C\"")) }
}
