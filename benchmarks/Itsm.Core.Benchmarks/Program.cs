using BenchmarkDotNet.Running;

// One benchmark class per hot type; pick with --filter, e.g. --filter *BusinessCalendar*.
// CI runs every benchmark once with --job Dry so none can rot.
BenchmarkSwitcher.FromAssembly(System.Reflection.Assembly.GetExecutingAssembly()).Run(args);
