namespace Itsm.Core.Application.Common;

/// <summary>
/// A stored record with the version it was read at, for optimistic concurrency: pass
/// <see cref="Version"/> back when updating, and the update fails with <c>Conflict</c> if anyone
/// else saved the record in between.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Record">The record.</param>
/// <param name="Version">The stored version: 1 after the first save, one more after each update.</param>
public sealed record Versioned<T>(T Record, long Version);
