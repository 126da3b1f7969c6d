namespace Voting.Runtime; public static class Placeholder {}
