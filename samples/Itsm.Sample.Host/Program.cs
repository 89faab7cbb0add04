using Itsm.Sample.Host;

return await HostApplication.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
