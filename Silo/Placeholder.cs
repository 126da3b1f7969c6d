namespace Voting.Silo; public static class Placeholder {}
