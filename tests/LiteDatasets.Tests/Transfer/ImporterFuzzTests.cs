using System.Text;

namespace LiteDatasets.Tests.Transfer;

/// <summary>
/// Mutation fuzzing of the importers: real GSM8K lines in each format, damaged at random (bytes flipped,
/// inserted, deleted, duplicated, the file cut short), imported into a store. Every outcome must be a success
/// or a <see cref="LiteDatasetsException"/> (an <see cref="ArgumentException"/> is not acceptable either: the
/// file is not an argument mistake), and a failed import must leave the dataset as it was.
/// </summary>
[TestFixture]
public sealed class ImporterFuzzTests
{
    private const int Mutations = 150;

    /// <summary>Characters that change the structure of JSON or CSV text when inserted.</summary>
    private const string Structural = "{}[],:\"\\\n\r0e-";

    [TestCase(TransferFormat.Jsonl, 101)]
    [TestCase(TransferFormat.Json, 202)]
    [TestCase(TransferFormat.Csv, 303)]
    public void Import_MutatedFile_SucceedsOrFailsWithAStoreError(TransferFormat format, int seed)
    {
        var original = Seed(format);
        var random = new Random(seed);
        using var store = DatasetStore.OpenInMemory();
        var dataset = store.CreateDataset(new DatasetDefinition("fuzz")).Id;
        var outcomes = new Dictionary<string, int>();

        for (var trial = 0; trial < Mutations; trial++)
        {
            var mutated = Mutate(original, random);
            var before = store.GetDataset(dataset)!;
            string outcome;
            try
            {
                using var input = new MemoryStream(mutated);
                DatasetTransfer.Import(store, dataset, input, new ImportOptions
                {
                    Format = format,
                    Mode = trial % 2 == 0 ? ImportMode.Append : ImportMode.Upsert,
                    Mapping = new FieldMapping { Input = ["question"], ExpectedOutput = "answer", Key = trial % 2 == 0 ? null : "question" },
                    SkipBadLines = trial % 3 == 0,
                });
                outcome = "imported";
            }
            catch (LiteDatasetsException ex)
            {
                outcome = ex.Code.ToString();
                var after = store.GetDataset(dataset)!;
                Assert.That((after.Version, after.ItemCount), Is.EqualTo((before.Version, before.ItemCount)), $"seed {seed}, trial {trial}: a failed import changed the dataset");
            }
            catch (Exception ex)
            {
                Assert.Fail($"seed {seed}, trial {trial}: {ex.GetType().Name} escaped: {ex.Message}\n{Encoding.UTF8.GetString(mutated)[..Math.Min(400, mutated.Length)]}");
                return;
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        TestContext.Out.WriteLine($"{format}: " + string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        Assert.That(store.Verify().IsHealthy, Is.True);
        Assert.That(outcomes.Keys, Has.Some.Not.EqualTo("imported"), "the mutations never produced a bad file: the fuzzer is not fuzzing");
    }

    /// <summary>The first lines of GSM8K in the given format.</summary>
    private static byte[] Seed(TransferFormat format)
    {
        var lines = File.ReadLines(DatasetTransferTests.Gsm8k("test.jsonl")).Take(8).ToList();
        var records = lines.Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!.AsObject()).ToList();
        var text = format switch
        {
            TransferFormat.Jsonl => string.Join("\n", lines) + "\n",
            TransferFormat.Json => "[\n" + string.Join(",\n", lines) + "\n]\n",
            _ => "question,answer\n" + string.Join("\n", records.Select(r => Csv(r["question"]!.GetValue<string>()) + "," + Csv(r["answer"]!.GetValue<string>()))) + "\n",
        };
        return Encoding.UTF8.GetBytes(text);
    }

    private static string Csv(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Applies one to three random damages.</summary>
    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var damages = random.Next(1, 4);
        for (var d = 0; d < damages && bytes.Count > 0; d++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.Insert(at, (byte)Structural[random.Next(Structural.Length)]);
                    break;
                case 2:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    bytes.InsertRange(at, bytes.GetRange(at, Math.Min(random.Next(1, 200), bytes.Count - at)));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    bytes.Insert(at, (byte)(0x80 + random.Next(0x80)));
                    break;
            }
        }

        return [.. bytes];
    }
}
