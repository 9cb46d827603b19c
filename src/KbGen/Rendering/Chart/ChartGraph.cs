namespace KbGen.Rendering.Chart;

/// <summary>Working state of one layout: real nodes and the dummy slots that long edges pass
/// through, each in a layer with a left-to-right position. Internal to the engine.</summary>
internal sealed class ChartGraph
{
    internal sealed class Element
    {
        public int Node = -1;          // index into the algorithm's nodes; -1 for a dummy
        public int Layer;
        public double Width, Height;
        public double X;               // centre
        public double Y;               // top
        public List<int> Up = [];      // neighbours in the layer above (forward edges only)
        public List<int> Down = [];
        public bool IsDummy => Node < 0;
        public double Left => X - Width / 2;
        public double Right => X + Width / 2;
        public double Bottom => Y + Height;
        public double CenterY => Y + Height / 2;
    }

    public readonly List<Element> Elements = [];
    public List<List<int>> Layers = [];

    public int Add(Element e)
    {
        Elements.Add(e);
        while (Layers.Count <= e.Layer) Layers.Add([]);
        Layers[e.Layer].Add(Elements.Count - 1);
        return Elements.Count - 1;
    }

    public void Link(int upper, int lower)
    {
        Elements[upper].Down.Add(lower);
        Elements[lower].Up.Add(upper);
    }
}
