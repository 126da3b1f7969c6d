namespace Voting.Grains.Rules;

/// <summary>What a valid PESEL tells about its holder: the birth date and the sex digit.</summary>
public readonly record struct PeselInfo(DateOnly BirthDate, bool IsFemale);
