using KbGen.Cli;

return Cli.Run(args);
