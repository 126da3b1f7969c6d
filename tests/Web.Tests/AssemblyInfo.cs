using Xunit;

// Each test class runs its own Chromium (and gateway); two at a time keep a small CI machine responsive.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
