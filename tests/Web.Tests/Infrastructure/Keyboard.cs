using Microsoft.Playwright;

namespace Voting.Web.Tests.Infrastructure;

/// <summary>Moves focus the way a keyboard user does: Tab until the wanted element has it.</summary>
public static class Keyboard
{
    public static async Task TabToAsync(this IPage page, string selector, int maxPresses = 80)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
        }
        var focused = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing'");
        throw new InvalidOperationException($"{maxPresses} Tab presses did not reach {selector}; focus is on {focused}.");
    }

    /// <summary>Waits until the single-page app has rendered the view of <paramref name="hash"/>.</summary>
    public static Task WaitForViewAsync(this IPage page, string hashPrefix) =>
        page.WaitForFunctionAsync("h => (document.getElementById('main').dataset.ready ?? '').startsWith(h)", hashPrefix, new() { Timeout = 15_000 });
}
