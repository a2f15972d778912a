using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(ManifestLint.Benchmarks.RolloutBenchmarks).Assembly).Run(args);
