using LiteDatasets.Cli;
using LiteDatasets.Cli.Infrastructure;

return CliApp.Run(args, CliEnvironment.FromProcess());
