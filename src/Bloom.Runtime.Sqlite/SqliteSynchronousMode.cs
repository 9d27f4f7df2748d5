namespace Bloom.Sqlite;

/// <summary>
/// The <c>PRAGMA synchronous</c> level applied to every connection opened by a <see cref="SqliteConnectionFactory"/>.
/// </summary>
public enum SqliteSynchronousMode
{
    /// <summary>
    /// <c>synchronous=FULL</c> (the default): in WAL mode every commit is synced to disk, so an acknowledged
    /// commit survives a power loss. This is the right setting for an outbox or an event store.
    /// </summary>
    Full = 0,

    /// <summary>
    /// <c>synchronous=NORMAL</c>: in WAL mode commits survive a process crash (<c>kill -9</c>) but the most
    /// recent commits may be lost on power loss or an operating-system crash. Faster; opt in knowingly.
    /// </summary>
    Normal = 1,
}
