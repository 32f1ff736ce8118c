import Foundation
import JobStore

/// The PostgreSQL schema: the SQLite schema's migrations, step for step and under the same
/// names, translated to PostgreSQL's types, then the tables only several workers need (the
/// shared frontier).
///
/// Text compares byte by byte (`COLLATE "C"`), as in SQLite, so both backends order alike.
enum PostgresSchema {
    static let migrations: [(name: String, sql: String)] =
        Schema.migrations.map { ($0.name, translated($0.sql)) } + frontier.map { ($0.name, textInC($0.sql)) }

    /// SQLite's column types in PostgreSQL's words: 64-bit integers, 8-byte reals, serial keys,
    /// tables without SQLite's rowid option.
    static func translated(_ sql: String) -> String {
        textInC(
            sql.replacingOccurrences(of: "INTEGER PRIMARY KEY AUTOINCREMENT", with: "BIGSERIAL PRIMARY KEY")
                .replacingOccurrences(of: " INTEGER", with: " BIGINT")
                .replacingOccurrences(of: " REAL", with: " DOUBLE PRECISION")
                .replacingOccurrences(of: ") WITHOUT ROWID;", with: ");"))
    }

    static func textInC(_ sql: String) -> String {
        sql.replacingOccurrences(of: " TEXT", with: " TEXT COLLATE \"C\"")
    }

    static let frontier: [(name: String, sql: String)] = [
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
    ]
}
