using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>
/// One change of the file format: what turns a store of format <paramref name="From"/> into format
/// <c>From + 1</c>. <paramref name="Apply"/> runs inside the transaction that also records the new format, so
/// a step is applied completely or not at all; it must only use the database it is given, on its thread.
/// </summary>
/// <param name="From">The format the step starts from.</param>
/// <param name="Description">What the step changes, for messages.</param>
/// <param name="Apply">Rewrites the store's collections and indexes.</param>
/// <param name="ReadsOlderFiles">
/// Whether this build reads a file from before the step exactly as it is, without the step: true when the step
/// only adds collections that such a file simply lacks (a read finds them empty). A read-only open then reads
/// the older file instead of refusing it.
/// </param>
internal sealed record FormatStep(int From, string Description, Action<LiteDatabase> Apply, bool ReadsOlderFiles = false);
