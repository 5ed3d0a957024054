"""Small ResNet-18-style networks for 28x28 grey images, in the four variants the
paper's image space names, scaled to train in seconds on one CPU thread:

  resnet18    a 3x3 stem, then residual basic blocks (16 and 32 channels)
  resnet18d   the "deep stem" variant: two 3x3 convolutions in the stem
  seresnet18  basic blocks with squeeze-and-excitation channel attention
  skresnet18  selective-kernel blocks: a 3x3 and a dilated 3x3 branch mixed by attention

and the four global poolings (avg, max, avgmax = their mean, catavgmax = both
concatenated), dropout before the classifier. Also a tiny encoder-decoder for
per-pixel labels (the segmentation task)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class SE(nn.Module):
    def __init__(self, c, r=4):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(c, max(4, c // r)), nn.Linear(max(4, c // r), c)

    def forward(self, x):
        w = torch.sigmoid(self.fc2(F.relu(self.fc1(x.mean((2, 3))))))
        return x * w[:, :, None, None]


class SKConv(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.a = nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU())
        self.b = nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 2, dilation=2, bias=False), nn.BatchNorm2d(cout),
                               nn.ReLU())
        self.fc = nn.Linear(cout, max(4, cout // 4))
        self.sel = nn.Linear(max(4, cout // 4), 2 * cout)

    def forward(self, x):
        a, b = self.a(x), self.b(x)
        z = F.relu(self.fc((a + b).mean((2, 3))))
        w = torch.softmax(self.sel(z).view(-1, 2, a.shape[1]), dim=1)
        return a * w[:, 0, :, None, None] + b * w[:, 1, :, None, None]


class Block(nn.Module):
    def __init__(self, cin, cout, stride, kind):
        super().__init__()
        if kind == "skresnet18":
            self.conv1 = SKConv(cin, cout, stride)
        else:
            self.conv1 = nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU())
        self.conv2 = nn.Sequential(nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout))
        self.se = SE(cout) if kind == "seresnet18" else nn.Identity()
        self.short = nn.Identity() if stride == 1 and cin == cout else nn.Sequential(
            nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        return F.relu(self.se(self.conv2(self.conv1(x))) + self.short(x))


class SmallResNet(nn.Module):
    def __init__(self, kind, pool, dropout, classes):
        super().__init__()
        if kind == "resnet18d":
            self.stem = nn.Sequential(nn.Conv2d(1, 8, 3, 2, 1, bias=False), nn.BatchNorm2d(8), nn.ReLU(),
                                      nn.Conv2d(8, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        else:
            self.stem = nn.Sequential(nn.Conv2d(1, 16, 3, 2, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        self.body = nn.Sequential(Block(16, 16, 1, kind), Block(16, 32, 2, kind))
        self.pool = pool
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(64 if pool == "catavgmax" else 32, classes)

    def forward(self, x):
        x = self.body(self.stem(x))
        avg, mx = x.mean((2, 3)), x.amax((2, 3))
        x = {"avg": avg, "max": mx, "avgmax": (avg + mx) / 2, "catavgmax": torch.cat([avg, mx], 1)}[self.pool]
        return self.head(self.drop(x))


class TinySegNet(nn.Module):
    """Encoder-decoder with a skip connection: 28x28 in, per-pixel class scores out."""

    def __init__(self, act, classes):
        super().__init__()

        def conv(cin, cout, stride=1):
            return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), act())

        self.enc1, self.enc2 = conv(1, 12), conv(12, 24, 2)
        self.mid = conv(24, 24)
        self.up = nn.ConvTranspose2d(24, 12, 2, 2)
        self.dec = conv(24, 12)
        self.out = nn.Conv2d(12, classes, 1)

    def forward(self, x):
        e1 = self.enc1(x)
        m = self.mid(self.enc2(e1))
        return self.out(self.dec(torch.cat([self.up(m), e1], 1)))
