using LiteDatasets.Cli;
using LiteDatasets.Cli.Infrastructure;

var env = CliEnvironment.FromProcess();
using var interruption = Interruption.Listen(env.Error);
return CliApp.Run(args, env, interruption.Token);
