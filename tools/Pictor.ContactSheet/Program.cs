using System.Net.Http.Headers;
using NetVips;

// The contact sheet in docs/: one photo through the modes and gravities, each tile fetched from a running
// Pictor over HTTP (scripts/contact-sheet.sh starts one), labelled with the URL's options.
//   dotnet run --project tools/Pictor.ContactSheet -- <base-url> <photo> <output.png>
if (args is not [var baseUrl, var photo, var output])
{
    Console.Error.WriteLine("usage: Pictor.ContactSheet <base-url> <photo> <output.png>");
    return 2;
}

const int Box = 200, Label = 30, Gap = 12;
string[] tiles =
[
    // the modes, in a 200×200 box
    "w_200,h_200,c_fill", "w_200,h_200,c_fit", "w_200,h_200,c_limit", "w_200,h_200,c_pad,b_2d2d2d",
    // gravity where a fill crops top and bottom, and where a pad places
    "w_200,h_100,g_north", "w_200,h_100,g_south", "w_200,h_100,c_pad,g_west,b_2d2d2d", "w_200,h_100,c_pad,g_east,b_2d2d2d",
    // gravity where a fill crops the sides
    "w_100,h_200,g_west", "w_100,h_200,g_center", "w_100,h_200,g_east", "w_100,h_200,g_auto",
    // the focal point, quality, dpr, one side
    "w_100,h_200,g_focus", "w_200,h_200,q_5", "w_60,h_60,dpr_3", "h_140",
];

using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
const string Id = "contact-sheet";
await http.DeleteAsync($"/original/{Id}");
using (var upload = new ByteArrayContent(await File.ReadAllBytesAsync(photo)))
    (await http.PutAsync($"/original/{Id}", upload)).EnsureSuccessStatusCode();
// The focal point on the resting harvesters right of the tree, so g_focus differs from centre and east.
using (var focus = new StringContent("""{"focus": {"x": 0.72, "y": 0.75}}""", MediaTypeHeaderValue.Parse("application/merge-patch+json")))
    (await http.PatchAsync($"/original/{Id}", focus)).EnsureSuccessStatusCode();

var cells = new List<Image>();
try
{
    foreach (var options in tiles)
    {
        var bytes = await http.GetByteArrayAsync($"/derived/{Id}/{options}.png");
        using var tile = Image.NewFromBuffer(bytes);
        using var flat = tile.HasAlpha() ? tile.Flatten(background: [255.0]) : tile.Copy();
        // Each tile centred in a light box of the largest size, its options written below it.
        using var framed = flat.Gravity(Enums.CompassDirection.Centre, Box, Box, extend: Enums.Extend.Background, background: [235.0, 235, 235]);
        using var text = Image.Text(options, font: "sans 9", width: Box - 4);
        using var ink = text.Invert();
        using var paper = Image.Black(Box, Label) + 255;
        using var labelled = paper.Insert(ink, (Box - ink.Width) / 2, (Label - ink.Height) / 2).Cast(Enums.BandFormat.Uchar);
        using var label = labelled.Bandjoin(labelled, labelled);
        using var cell = framed.Join(label, Enums.Direction.Vertical);
        using var blank = Image.Black(Box + Gap, Box + Label + Gap, bands: 3) + 255;
        using var canvas = blank.Cast(Enums.BandFormat.Uchar);
        cells.Add(canvas.Insert(cell, Gap / 2, Gap / 2));
    }
    using var sheet = Image.Arrayjoin([.. cells], across: 4);
    sheet.WriteToFile(output);
    Console.WriteLine($"{output}: {sheet.Width}×{sheet.Height}, {tiles.Length} tiles from {baseUrl}");
}
finally
{
    foreach (var cell in cells) cell.Dispose();
}
return 0;
