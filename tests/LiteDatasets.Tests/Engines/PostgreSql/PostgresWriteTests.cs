using System.Diagnostics;
using System.Text.Json.Nodes;
using LiteDatasets.PostgreSql;
using Npgsql;

namespace LiteDatasets.Tests.Engines.PostgreSql;

/// <summary>
/// Writes on a server: row locks between writers, connections that die during a write or its commit, and reads
/// that see one commit or the next, never half of one.
/// </summary>
[TestFixture]
public sealed class PostgresWriteTests : PostgresFixture
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public void AddItem_DatasetRowLockedLongerThanTheLockTimeout_IsBusyAndWritesNothing()
    {
        using var store = OpenStore(lockTimeout: TimeSpan.FromMilliseconds(200));
        var id = store.CreateDataset(new DatasetDefinition("locked")).Id;
        using var other = Connect();
        using var transaction = other.BeginTransaction();
        Execute(other, $"SELECT 1 FROM {{s}}.datasets WHERE id = '{id}' FOR UPDATE");

        var error = Assert.Throws<LiteDatasetsException>(() => store.AddItem(id, Draft("waits")))!;
        transaction.Rollback();

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo(ErrorCode.Busy));
            Assert.That(error.Message, Does.Contain("0.2 s"));
            Assert.That(store.GetDataset(id)!.Version, Is.Zero);
            Assert.That(store.AddItem(id, Draft("after")).Version, Is.EqualTo(1), "The lock is free again once the other transaction ends.");
        });
    }

    [Test]
    public void ExperimentAndResultWrites_DatasetRowLocked_OnlyCreatingAnExperimentWaits()
    {
        using var store = OpenStore(lockTimeout: TimeSpan.FromMilliseconds(200));
        var id = store.CreateDataset(new DatasetDefinition("locked")).Id;
        var item = store.AddItem(id, Draft("item")).Items[0];
        var experiment = store.CreateExperiment(id, new ExperimentDefinition());
        using var other = Connect();
        using var transaction = other.BeginTransaction();
        Execute(other, $"SELECT 1 FROM {{s}}.datasets WHERE id = '{id}' FOR UPDATE");

        Assert.Multiple(() =>
        {
            Assert.That(TestStores.CodeOf(() => store.CreateExperiment(id, new ExperimentDefinition())), Is.EqualTo(ErrorCode.Busy));
            Assert.That(store.RecordResult(experiment.Id, new ResultDraft(item.Id)).Attempt, Is.EqualTo(1), "results never take the dataset's lock");
            Assert.That(store.RecordResults(experiment.Id, [new ResultDraft(item.Id)]).Recorded, Is.EqualTo(1));
            Assert.That(store.UpdateExperiment(experiment.Id, new ExperimentUpdate { Description = "relabelled" }).Description, Is.EqualTo("relabelled"));
            Assert.That(store.CompleteExperiment(experiment.Id, ExperimentStatus.Cancelled).Status, Is.EqualTo(ExperimentStatus.Cancelled));
        });
        transaction.Rollback();
        Assert.That(store.CreateExperiment(id, new ExperimentDefinition()).Sequence, Is.EqualTo(2), "the refused creation took no number");
    }

    [Test]
    public void ItemWrites_ExperimentRowLocked_DoNotWaitButItsOwnWritesDo()
    {
        using var store = OpenStore(lockTimeout: TimeSpan.FromMilliseconds(200));
        var id = store.CreateDataset(new DatasetDefinition("busy experiment")).Id;
        var item = store.AddItem(id, Draft("item")).Items[0];
        var experiment = store.CreateExperiment(id, new ExperimentDefinition());
        using var other = Connect();
        using var transaction = other.BeginTransaction();
        Execute(other, $"SELECT 1 FROM {{s}}.experiments WHERE id = '{experiment.Id}' FOR UPDATE");

        Assert.Multiple(() =>
        {
            Assert.That(store.AddItem(id, Draft("goes ahead")).Version, Is.EqualTo(2));
            Assert.That(store.UpdateItem(id, item.Id, new ItemPatch { Input = JsonValue.Create("edited") }).Version, Is.EqualTo(3));
            Assert.That(store.CreateExperiment(id, new ExperimentDefinition()).Sequence, Is.EqualTo(2));
            Assert.That(TestStores.CodeOf(() => store.UpdateExperiment(experiment.Id, new ExperimentUpdate { Name = "waits" })), Is.EqualTo(ErrorCode.Busy));
            Assert.That(TestStores.CodeOf(() => store.RecordResult(experiment.Id, new ResultDraft(item.Id))), Is.EqualTo(ErrorCode.Busy));
            Assert.That(store.GetExperiment(experiment.Id)!.Name, Is.EqualTo("exp-1"), "reads do not wait");
        });
        transaction.Rollback();
    }

    [Test]
    public void AddItems_BackendTerminatedWhileTheWriteWaits_FailsClearlyLeavesNoTraceAndTheNextWriteWorks()
    {
        using var store = OpenStore();
        var id = store.CreateDataset(new DatasetDefinition("terminated")).Id;
        store.AddItem(id, Draft("first"));
        var before = StoreDump.Of(store);

        // Another session holds the dataset's row, so the write stops half-way: its rows are not written yet,
        // its transaction is open, and its backend can be found waiting for the lock.
        using var other = Connect();
        using var transaction = other.BeginTransaction();
        Execute(other, $"SELECT 1 FROM {{s}}.datasets WHERE id = '{id}' FOR UPDATE");
        var write = Task.Factory.StartNew(() => store.AddItems(id, Enumerable.Range(0, 100).Select(i => Draft("lost " + i))), TaskCreationOptions.LongRunning);
        var waiting = WaitForBackend("wait_event_type = 'Lock'");
        Assert.That(Scalar<bool>($"SELECT pg_terminate_backend({waiting})"), Is.True);
        transaction.Rollback();

        var error = Assert.Throws<LiteDatasetsException>(() => write.GetAwaiter().GetResult())!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo(ErrorCode.StorageFailure));
            Assert.That(error.Message, Does.Contain("closed the connection").And.Contain(Schema));
            Assert.That(error.InnerException, Is.InstanceOf<NpgsqlException>());
            Assert.That(StoreDump.Of(store), Is.EqualTo(before));
            Assert.That(store.AddItem(id, Draft("next")).Version, Is.EqualTo(2));
        });
    }

    [Test]
    public void AddItem_ConnectionLostDuringCommit_SaysTheOutcomeIsUnknownAndExpectedVersionTellsWhich()
    {
        using var store = OpenStore();
        var id = store.CreateDataset(new DatasetDefinition("in doubt")).Id;

        // A deferred trigger makes the commit itself wait for an advisory lock this test holds; the backend is
        // then terminated while the client waits for the commit's answer.
        Execute("""
            CREATE FUNCTION {s}.hold_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_advisory_lock(4242); RETURN NULL; END $$;
            CREATE CONSTRAINT TRIGGER hold_commit AFTER INSERT ON {s}.versions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {s}.hold_commit();
            """);
        using var holder = Connect();
        Execute(holder, "SELECT pg_advisory_lock(4242)");
        var write = Task.Factory.StartNew(() => store.AddItem(id, Draft("in doubt"), new WriteOptions { ExpectedVersion = 0 }), TaskCreationOptions.LongRunning);
        var committing = WaitForBackend("wait_event = 'advisory' AND query = 'COMMIT'", ofThisSchema: false);
        Execute(holder, $"SELECT pg_terminate_backend({committing})");

        var error = Assert.Throws<LiteDatasetsException>(() => write.GetAwaiter().GetResult())!;
        Execute(holder, "SELECT pg_advisory_unlock(4242)");
        Execute("DROP TRIGGER hold_commit ON {s}.versions");

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo(ErrorCode.StorageFailure));
            Assert.That(error.Message, Does.Contain("unknown").And.Contain("ExpectedVersion"));
        });

        // The backend died before committing, so the retry the message suggests goes through.
        Assert.That(store.AddItem(id, Draft("in doubt"), new WriteOptions { ExpectedVersion = 0 }).Version, Is.EqualTo(1));
    }

    [Test]
    public void CreateDataset_SameNameFromManyThreadsAtOnce_ExactlyOneWinsTheOthersGetNameTaken()
    {
        const int Writers = 6;
        using var store = OpenStore();
        using var start = new Barrier(Writers);
        var outcomes = Enumerable.Range(0, Writers).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            try
            {
                store.CreateDataset(new DatasetDefinition("contested"));
                return (ErrorCode?)null;
            }
            catch (LiteDatasetsException ex)
            {
                return ex.Code;
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        var codes = Task.WhenAll(outcomes).GetAwaiter().GetResult();

        Assert.Multiple(() =>
        {
            Assert.That(codes.Count(c => c is null), Is.EqualTo(1));
            Assert.That(codes.Where(c => c is not null), Is.All.EqualTo(ErrorCode.DatasetNameTaken));
            Assert.That(store.ListDatasets().Items, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void UpdateDataset_RenameRacingACreateOfTheSameName_LoserGetsNameTaken()
    {
        using var store = OpenStore();
        var id = store.CreateDataset(new DatasetDefinition("old name")).Id;

        // The rename is held at its row lock until the create has committed, so it checks the name before the
        // create commits only if the store relies on its own check; the unique index must decide.
        using var other = Connect();
        using var transaction = other.BeginTransaction();
        Execute(other, $"SELECT 1 FROM {{s}}.datasets WHERE id = '{id}' FOR UPDATE");
        var rename = Task.Factory.StartNew(() => store.UpdateDataset(id, new DatasetUpdate { Name = "wanted" }), TaskCreationOptions.LongRunning);
        WaitForBackend("wait_event_type = 'Lock'");
        store.CreateDataset(new DatasetDefinition("wanted"));
        transaction.Rollback();

        var error = Assert.Throws<LiteDatasetsException>(() => rename.GetAwaiter().GetResult())!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo(ErrorCode.DatasetNameTaken));
            Assert.That(store.GetDataset(id)!.Name, Is.EqualTo("old name"));
        });
    }

    [Test]
    public void Read_RunsInARepeatableReadReadOnlyTransaction()
    {
        using var store = OpenStore();

        var (isolation, readOnly) = store.Engine.Read(rows =>
        {
            var connection = ((PostgresRows)rows).Connection;
            using var command = new NpgsqlCommand("SELECT current_setting('transaction_isolation'), current_setting('transaction_read_only')", connection);
            using var reader = command.ExecuteReader();
            reader.Read();
            return (reader.GetString(0), reader.GetString(1));
        });

        Assert.Multiple(() =>
        {
            Assert.That(isolation, Is.EqualTo("repeatable read"));
            Assert.That(readOnly, Is.EqualTo("on"));
        });
    }

    [Test]
    public void Reads_AfterTheServerRestarted_WorkOnFreshConnections()
    {
        using var store = OpenStore();
        var id = store.CreateDataset(new DatasetDefinition("survives")).Id;
        store.AddItem(id, Draft("kept"));

        PostgresSuite.Server.Restart();

        Assert.Multiple(() =>
        {
            Assert.That(store.ReadItems(id).Single().Input.GetValue<string>(), Is.EqualTo("kept"));
            Assert.That(store.AddItem(id, Draft("after restart")).Version, Is.EqualTo(2));
        });
    }

    private static ItemDraft Draft(string input) => new(JsonValue.Create(input));

    /// <summary>
    /// Waits until a backend matches <paramref name="condition"/> in pg_stat_activity (and, unless told otherwise, is
    /// running a statement of this test's schema), and returns its pid.
    /// </summary>
    private int WaitForBackend(string condition, bool ofThisSchema = true)
    {
        var schema = ofThisSchema ? $" AND query LIKE '%\"{Schema}\"%'" : "";
        var clock = Stopwatch.StartNew();
        using var connection = Connect();
        while (clock.Elapsed < Patience)
        {
            using var command = new NpgsqlCommand($"SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid(){schema} AND {condition} LIMIT 1", connection);
            if (command.ExecuteScalar() is int pid)
            {
                return pid;
            }

            Thread.Yield();
        }

        Assert.Fail($"No backend matched '{condition}' within {Patience.TotalSeconds} s.");
        return 0;
    }
}
