import FeeddCore
