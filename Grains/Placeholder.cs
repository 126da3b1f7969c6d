namespace Voting.Grains; public static class Placeholder {}
