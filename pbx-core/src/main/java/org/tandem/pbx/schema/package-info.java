/**
 * The database schema of all modules (issue 14): each module ships its own Flyway migrations under
 * {@code db/migration/<module>}, on one shared version sequence and one
 * {@code flyway_schema_history}. {@link ModuleMigrations} runs them, after bringing the history of a database made
 * before the migrations moved into their modules up to date (renamed and split files, same versions and SQL);
 * {@link SchemaMigration} runs it on a thread of its own and holds every connection back until it is over.
 */
package org.tandem.pbx.schema;
