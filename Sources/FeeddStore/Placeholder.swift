import FeeddCore
import FeeddSystem
