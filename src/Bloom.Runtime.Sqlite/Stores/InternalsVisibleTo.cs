using System.Runtime.CompilerServices;

// SqliteStoreSession.Connection lets the tests trace the statements a session runs (the BEGIN IMMEDIATE guard).
[assembly: InternalsVisibleTo("Bloom.Runtime.Sqlite.Tests")]
