using System.Text;

namespace Voting.Grains.Pabulib;

/// <summary>Pool ids from district names: lowercase ASCII, Polish letters transliterated, spaces to '-'.</summary>
internal static class PoolSlug
{
    public static string From(string name)
    {
        var slug = new StringBuilder(name.Length);
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            var mapped = c switch
            {
                'ą' or 'Ą' => 'a',
                'ć' or 'Ć' => 'c',
                'ę' or 'Ę' => 'e',
                'ł' or 'Ł' => 'l',
                'ń' or 'Ń' => 'n',
                'ó' or 'Ó' => 'o',
                'ś' or 'Ś' => 's',
                'ź' or 'ż' or 'Ź' or 'Ż' => 'z',
                _ => c,
            };
            if (mapped is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                slug.Append(mapped);
            }
            else if ((char.IsWhiteSpace(mapped) || mapped is '-' or '_' or '/' or '.' or ',')
                     && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        while (slug.Length > 0 && slug[^1] == '-')
        {
            slug.Length--;
        }
        return slug.Length == 0 ? "pool" : slug.ToString();
    }
}
